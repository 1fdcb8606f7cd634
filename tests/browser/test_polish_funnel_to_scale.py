"""The need funnel is drawn to scale (each stage's width is its value against the largest, no
minimum width) and its Thai labels sit beside the shapes without overlapping them, on a
360-px phone and a desktop (issue 15, item 6)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAGES = [
    ("ความต้องการจากหมู่บ้าน", 1200),
    ("รวบรวมเข้าแผนตำบล", 900),
    ("เสนออำเภอและจังหวัด", 450),
    ("บรรจุในแผนหรือคำของบประมาณ", 200),
    ("ได้รับงบประมาณ", 60),
]

DRAW = """(spec) => new Promise((resolve) => {
  const holder = document.createElement('div');
  holder.className = 'chart chart--funnel';
  holder.setAttribute('data-chart', '');
  holder.innerHTML = '<div class="chart__canvas" style="height:420px"></div>'
    + '<script type="application/json">' + JSON.stringify(spec) + '</scr' + 'ipt>';
  document.querySelector('main').prepend(holder);
  window.PlanLink.initChart(holder);
  const wait = () => {
    const canvas = holder.querySelector('.chart__canvas');
    const chart = window.echarts.getInstanceByDom(canvas);
    if (!chart) { setTimeout(wait, 50); return; }
    setTimeout(() => {
      const data = chart.getModel().getSeriesByIndex(0).getData();
      const layers = [];
      const labels = [];
      for (let i = 0; i < data.count(); i++) {
        layers.push({top: Math.abs(data.getItemLayout(i).width)});
      }
      const root = canvas.getBoundingClientRect();
      canvas.querySelectorAll('svg text').forEach((t) => {
        const r = t.getBoundingClientRect();
        labels.push({x: r.left - root.left, y: r.top - root.top, w: r.width, h: r.height,
                     text: t.textContent});
      });
      const shapes = [];
      canvas.querySelectorAll('svg path').forEach((p) => {
        const fill = p.getAttribute('fill');
        if (!fill || fill === 'none' || fill === 'transparent') return;
        const r = p.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) return;
        shapes.push({x: r.left - root.left, y: r.top - root.top, w: r.width, h: r.height});
      });
      resolve({layers, labels, shapes, width: root.width});
    }, 400);
  };
  wait();
})"""


def _overlap(a: dict, b: dict) -> float:
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return max(dx, 0) * max(dy, 0)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_funnel_is_to_scale_and_its_labels_clear_the_shapes(
    world, open_page, screenshots, width
):
    page = open_page(width, 900)
    page.goto("/tracker/")
    page.wait_for_function("window.PlanLink && window.echarts")
    spec = {"type": "funnel", "data": [{"name": n, "value": v} for n, v in STAGES]}
    drawn = page.evaluate(DRAW, spec)
    page.screenshot(path=str(screenshots / f"21-funnel-to-scale-{width}.png"))
    tops = [layer["top"] for layer in drawn["layers"]]
    largest = STAGES[0][1]
    for (name, value), top in zip(STAGES, tops, strict=True):
        assert top / tops[0] == pytest.approx(value / largest, abs=0.02), name
    texts = [label for label in drawn["labels"] if label["text"].strip()]
    assert any("ได้รับงบประมาณ" in label["text"] for label in texts)
    for label in texts:
        assert label["x"] >= 0, label
        assert label["x"] + label["w"] <= drawn["width"] + 1, label
        for shape in drawn["shapes"]:
            assert _overlap(label, shape) < 1, (label, shape)
    for first, second in zip(texts, texts[1:], strict=False):
        assert _overlap(first, second) < 1, (first, second)
