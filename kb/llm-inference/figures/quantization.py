"""INT4 symmetric quantization of one weight row: the grid with and without a single outlier, and the rounding error."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
w = rng.normal(0, 0.02, 1024)
w_out = w.copy()
w_out[0] = 0.3                                       # one outlier, 15 standard deviations out
qmax = 7                                             # int4 symmetric: levels -7..7

def quant(x, s):
    return np.clip(np.round(x / s), -qmax, qmax) * s

s_clean = np.abs(w).max() / qmax
s_out = np.abs(w_out).max() / qmax

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6.4, 4.6), sharex=True)
ax1.hist(w, bins=80, color="0.6")
for k in range(-qmax, qmax + 1):
    ax1.axvline(k * s_clean, color="tab:blue", linewidth=0.8, ymax=0.45)
    ax1.axvline(k * s_out, color="tab:red", linewidth=1.2, ymin=0.55)
used = len(np.unique(np.round(w / s_out)))
used_clean = len(np.unique(np.round(w / s_clean)))
ax1.set_title(f"Grid without outlier (blue, {used_clean} levels used) vs with it (red, {used} levels used)", fontsize=9.5)
ax1.set_ylabel("weights")
ax1.set_xlim(-0.09, 0.09)
ax1.grid(False)

xs = np.linspace(-qmax * s_clean, qmax * s_clean, 2001)   # inside the clean range: no clipping
ax2.plot(xs, xs - quant(xs, s_clean), color="tab:blue", linewidth=1.2, label=f"scale {s_clean:.4f}")
ax2.plot(xs, xs - quant(xs, s_out), color="tab:red", linewidth=1.2, label=f"scale {s_out:.4f} (outlier)")
ax2.set_ylabel("rounding error")
ax2.set_xlabel("weight value")
ax2.legend(loc="lower left", fontsize=8)
ax2.set_title("Error is a sawtooth bounded by half a step, so a larger scale means a larger error", fontsize=9.5)
fig.tight_layout()
