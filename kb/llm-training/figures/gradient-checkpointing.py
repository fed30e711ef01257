"""Live activation memory over one training step, 64 equal layers: store everything vs checkpoint every 8."""
import matplotlib.pyplot as plt
import numpy as np

n, k = 64, 8
full = list(range(1, n + 1)) + list(range(n - 1, -1, -1))        # forward adds a layer, backward frees one
ckpt, phase = [], []
for i in range(n):                                                # forward: keep only segment inputs
    ckpt.append(i // k + 1); phase.append("fwd")
for j in range(n // k - 1, -1, -1):                               # backward, last segment first
    for m in range(1, k + 1):                                     # recompute the segment from its checkpoint
        ckpt.append(j + 1 + m); phase.append("re")
    for m in range(1, k + 1):                                     # backprop through it, freeing as we go
        ckpt.append(j + 1 + k - m); phase.append("bwd")
    ckpt[-1] = j                                                  # the segment's checkpoint is freed too
assert max(full) == n and max(ckpt) == n // k + k == 16 and len(ckpt) == 3 * n

fig, ax = plt.subplots(figsize=(6.5, 3.4))
ax.plot(np.arange(1, len(full) + 1), full, color="tab:red", label=f"store everything (peak {max(full)})")
ax.plot(np.arange(1, len(ckpt) + 1), ckpt, color="tab:blue", label=f"checkpoint every {k} layers (peak {max(ckpt)})")
re = [i + 1 for i, p in enumerate(phase) if p == "re"]
ax.scatter(re, [ckpt[i - 1] for i in re], s=6, color="tab:orange", zorder=3, label="recomputed forward ops (+64)")
ax.axvline(n, color="gray", lw=0.8, ls=":")
ax.text(n / 2, 58, "forward", ha="center", fontsize=9, color="gray")
ax.text(n + 64, 40, "backward", ha="center", fontsize=9, color="gray")
ax.set_xlabel("operation (one layer forward, recompute or backward)")
ax.set_ylabel("live activations (layer units)")
ax.set_title("Checkpointing 64 layers: peak memory 64 → 16, operations 128 → 192", fontsize=10)
ax.legend(fontsize=8, loc="upper right")
fig.tight_layout()
