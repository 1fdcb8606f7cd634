import subprocess
import sys


def test_planlink_help_lists_planlinks_own_commands_first_with_thai_and_english():
    output = subprocess.run(
        [sys.executable, "-m", "planlink.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    lines = output.splitlines()
    assert lines[0].startswith("PlanLink — ระบบเชื่อมโยง")
    areas = next(line for line in lines if line.strip().startswith("areas "))
    assert "เขตการปกครอง" in areas
    assert "Areas" in areas
    assert output.index("  areas ") < output.index("  demo ") < output.index("คำสั่งของ Django")
    assert "migrate" in output.split("คำสั่งของ Django · Django commands")[1]
