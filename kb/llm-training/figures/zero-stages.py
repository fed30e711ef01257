"""Per-GPU model-state memory of a 7.5B model on 64 GPUs under DDP and ZeRO stages 1-3 (16-byte accounting)."""
import matplotlib.pyplot as plt
import numpy as np

psi, n = 7.5e9, 64
rows = []
for stage in range(4):
    p, g, o = 2 * psi, 2 * psi, 12 * psi
    if stage >= 1: o /= n
    if stage >= 2: g /= n
    if stage >= 3: p /= n
    rows.append((p / 1e9, g / 1e9, o / 1e9))
rows = np.array(rows)
labels = ["DDP\n(stage 0)", "ZeRO-1\n(opt. states)", "ZeRO-2\n(+ grads)", "ZeRO-3\n(+ params)"]
fig, ax = plt.subplots(figsize=(6, 3.6))
bottom = np.zeros(4)
for j, (name, color) in enumerate([("16-bit params (2Ψ)", "tab:blue"), ("16-bit grads (2Ψ)", "tab:green"),
                                   ("Adam: fp32 master + 2 moments (12Ψ)", "tab:orange")]):
    ax.bar(labels, rows[:, j], bottom=bottom, color=color, label=name, width=0.6)
    bottom += rows[:, j]
for i, total in enumerate(bottom):
    ax.text(i, total + 2, f"{total:.1f} GB", ha="center", fontsize=9)
ax.set_ylabel("model states per GPU (GB)")
ax.set_ylim(0, 135)
ax.set_title("ZeRO stages, Ψ = 7.5B parameters on N = 64 GPUs")
ax.legend(fontsize=8)
fig.tight_layout()
