"""Roofline of an A100 80GB SXM (312 TFLOP/s dense bf16, 2.0 TB/s HBM) with fp16 decode and prefill weight matmuls."""
import matplotlib.pyplot as plt
import numpy as np

F, W = 312e12, 2.0e12                      # peak dense bf16 FLOP/s, HBM bytes/s
ridge = F / W                              # 156 FLOPs per byte
I = np.logspace(-0.3, 4, 400)              # arithmetic intensity, FLOPs per byte
attainable = np.minimum(F, I * W) / 1e12

fig, ax = plt.subplots(figsize=(6.4, 3.9))
ax.loglog(I, attainable, color="black", label="roofline: min(F, I x W)")
ax.axvline(ridge, color="0.5", linestyle=":", linewidth=1)
ax.text(ridge * 1.1, 1.5, f"ridge\n{ridge:.0f} FLOPs/byte", fontsize=8.5)
points = [(1, "decode, batch 1", "tab:red", (8, -4)), (16, "decode, batch 16", "tab:red", (8, -4)),
          (256, "decode, batch 256", "tab:orange", (-10, -40)),
          (2000, "prefill, 2000-token prompt", "tab:blue", (-150, 14))]
for i, label, color, offset in points:        # fp16 weight matmul: intensity ~ tokens in flight
    y = min(F, i * W) / 1e12
    ax.scatter([i], [y], color=color, zorder=3, s=30)
    ax.annotate(f"{label}: {y:.0f} TFLOP/s", (i, y), textcoords="offset points",
                xytext=offset, fontsize=8.5, color=color,
                arrowprops=dict(arrowstyle="-", color=color, linewidth=0.8) if i >= 256 else None)
ax.set_xlabel("arithmetic intensity (FLOPs per byte of weights read)")
ax.set_ylabel("attainable TFLOP/s")
ax.set_title("A100 roofline: decode is memory-bound, prefill compute-bound", fontsize=10.5)
ax.set_ylim(1, 900)
ax.legend(loc="upper left", fontsize=8.5)
fig.tight_layout()
