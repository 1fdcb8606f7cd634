"""The seed registry of line agencies (ส่วนราชการ) that fund area projects.

Editable in the admin and by ``planlink areas load`` (idempotent). Codes are
PlanLink's own short codes, not Budget Bureau codes.
"""

from __future__ import annotations

# (code, name_th, name_en, ministry_th, ministry_en)
SEED_AGENCIES: list[tuple[str, str, str, str, str]] = [
    (
        "RID",
        "กรมชลประทาน",
        "Royal Irrigation Department",
        "กระทรวงเกษตรและสหกรณ์",
        "Ministry of Agriculture and Cooperatives",
    ),
    (
        "DOAE",
        "กรมส่งเสริมการเกษตร",
        "Department of Agricultural Extension",
        "กระทรวงเกษตรและสหกรณ์",
        "Ministry of Agriculture and Cooperatives",
    ),
    (
        "DLD",
        "กรมปศุสัตว์",
        "Department of Livestock Development",
        "กระทรวงเกษตรและสหกรณ์",
        "Ministry of Agriculture and Cooperatives",
    ),
    (
        "DOF",
        "กรมประมง",
        "Department of Fisheries",
        "กระทรวงเกษตรและสหกรณ์",
        "Ministry of Agriculture and Cooperatives",
    ),
    (
        "DRR",
        "กรมทางหลวงชนบท",
        "Department of Rural Roads",
        "กระทรวงคมนาคม",
        "Ministry of Transport",
    ),
    ("DOH", "กรมทางหลวง", "Department of Highways", "กระทรวงคมนาคม", "Ministry of Transport"),
    (
        "DWR",
        "กรมทรัพยากรน้ำ",
        "Department of Water Resources",
        "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "Ministry of Natural Resources and Environment",
    ),
    (
        "DGR",
        "กรมทรัพยากรน้ำบาดาล",
        "Department of Groundwater Resources",
        "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "Ministry of Natural Resources and Environment",
    ),
    (
        "DEQP",
        "กรมส่งเสริมคุณภาพสิ่งแวดล้อม",
        "Department of Environmental Quality Promotion",
        "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "Ministry of Natural Resources and Environment",
    ),
    (
        "CDD",
        "กรมการพัฒนาชุมชน",
        "Community Development Department",
        "กระทรวงมหาดไทย",
        "Ministry of Interior",
    ),
    (
        "DLA",
        "กรมส่งเสริมการปกครองท้องถิ่น",
        "Department of Local Administration",
        "กระทรวงมหาดไทย",
        "Ministry of Interior",
    ),
    (
        "DPT",
        "กรมโยธาธิการและผังเมือง",
        "Department of Public Works and Town & Country Planning",
        "กระทรวงมหาดไทย",
        "Ministry of Interior",
    ),
    (
        "DDPM",
        "กรมป้องกันและบรรเทาสาธารณภัย",
        "Department of Disaster Prevention and Mitigation",
        "กระทรวงมหาดไทย",
        "Ministry of Interior",
    ),
    (
        "PEA",
        "การไฟฟ้าส่วนภูมิภาค",
        "Provincial Electricity Authority",
        "กระทรวงมหาดไทย",
        "Ministry of Interior",
    ),
    (
        "OPS-MOPH",
        "สำนักงานปลัดกระทรวงสาธารณสุข",
        "Office of the Permanent Secretary, Ministry of Public Health",
        "กระทรวงสาธารณสุข",
        "Ministry of Public Health",
    ),
    (
        "DOP",
        "กรมกิจการผู้สูงอายุ",
        "Department of Older Persons",
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
        "Ministry of Social Development and Human Security",
    ),
    (
        "DEP",
        "กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ",
        "Department of Empowerment of Persons with Disabilities",
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
        "Ministry of Social Development and Human Security",
    ),
    (
        "OBEC",
        "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
        "Office of the Basic Education Commission",
        "กระทรวงศึกษาธิการ",
        "Ministry of Education",
    ),
    (
        "DSD",
        "กรมพัฒนาฝีมือแรงงาน",
        "Department of Skill Development",
        "กระทรวงแรงงาน",
        "Ministry of Labour",
    ),
    (
        "DCP",
        "กรมส่งเสริมวัฒนธรรม",
        "Department of Cultural Promotion",
        "กระทรวงวัฒนธรรม",
        "Ministry of Culture",
    ),
    (
        "DOT",
        "กรมการท่องเที่ยว",
        "Department of Tourism",
        "กระทรวงการท่องเที่ยวและกีฬา",
        "Ministry of Tourism and Sports",
    ),
    (
        "ONCB",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามยาเสพติด (ป.ป.ส.)",
        "Office of the Narcotics Control Board",
        "กระทรวงยุติธรรม",
        "Ministry of Justice",
    ),
]
