"""Survey evidence (ข้อมูลหลักฐานเชิงประจักษ์): จปฐ. household data and กชช.๒ค village data.

The circulars ask that needs be analysed with จปฐ. and กชช.๒ค data when the
tambon plan is made (docs/reference/seeds/000: มท 0810.3 พ.ค. 2562 ข้อ 2.3; docs/reference/seeds/002: ลป
0019.3/2560 ข้อ 1). This app keeps the indicator sets, imports survey files
through an embedded analytical engine (DuckDB) and stores only aggregates.
"""
