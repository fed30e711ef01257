"""Bit layouts of FP32, FP16 and BF16, with range (max and min normal) per format."""
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

formats = [("FP32", 8, 23), ("FP16", 5, 10), ("BF16", 8, 7)]
colors = {"sign": "tab:red", "exponent": "tab:blue", "mantissa": "tab:green"}
fig, ax = plt.subplots(figsize=(7, 3.0))
for row, (name, e, m) in enumerate(formats):
    y = 2 - row
    bias = 2 ** (e - 1) - 1
    largest = (2 - 2.0 ** -m) * 2.0 ** bias
    smallest = 2.0 ** (1 - bias)
    x = 0
    for field, width in [("sign", 1), ("exponent", e), ("mantissa", m)]:
        for _ in range(width):
            ax.add_patch(Rectangle((x, y), 1, 0.7, color=colors[field], ec="white", lw=0.8))
            x += 1
        if width > 1:
            ax.text(x - width / 2, y + 0.35, f"{width}", ha="center", va="center", color="white", fontsize=8, fontweight="bold")
    ax.text(-0.5, y + 0.35, name, ha="right", va="center", fontsize=10, fontweight="bold")
    ax.text(33, y + 0.35, f"max {largest:.3g}\nmin normal {smallest:.2g}", va="center", fontsize=8)
for i, (field, color) in enumerate(colors.items()):
    ax.add_patch(Rectangle((i * 8, -0.75), 0.8, 0.4, color=color))
    ax.text(i * 8 + 1.1, -0.55, field, va="center", fontsize=8)
ax.set_xlim(-4, 44)
ax.set_ylim(-1, 3)
ax.axis("off")
ax.set_title("Same exponent width = same range: BF16 spans FP32's range with FP16's size", fontsize=10)
fig.tight_layout()
