"""FLOPs of one layer's full-sequence forward pass vs sequence length, d = 4096."""
import numpy as np
import matplotlib.pyplot as plt

d = 4096
n = np.logspace(np.log10(256), np.log10(262144), 200)
linear = 24 * n * d**2          # Q, K, V, O projections (8 n d^2) + 4d-wide MLP (16 n d^2)
attn = 4 * n**2 * d             # Q K^T and P V, no masking skipped
attn_causal = 2 * n**2 * d      # kernel skips the masked half

fig, ax = plt.subplots(figsize=(6.4, 3.8))
ax.loglog(n, linear, color="#4C72B0", label=r"linear layers $24nd^2$ (grows like $n$)")
ax.loglog(n, attn, color="#C44E52", label=r"attention matmuls $4n^2d$ (grows like $n^2$)")
ax.loglog(n, attn_causal, color="#C44E52", ls="--", lw=1.3, label=r"causal, masked tiles skipped: $2n^2d$")
for x, text in ((6 * d, "n = 6d = 24,576"), (12 * d, "12d = 49,152")):
    ax.axvline(x, color="gray", lw=0.8, ls=":")
    ax.text(x * 1.08, 1.5e9, text, rotation=90, fontsize=8, color="gray", va="bottom")
ax.axvline(4096, color="black", lw=0.8, ls=":")
ax.text(4096 * 1.08, 1.5e9, "4k context", rotation=90, fontsize=8, va="bottom")
ax.set_xlabel("sequence length n (tokens)")
ax.set_ylabel("forward FLOPs, one layer, one sequence")
ax.set_title("Attention FLOPs overtake the linear layers only past n = 6d")
ax.legend(loc="upper left", fontsize=8, frameon=False)
fig.tight_layout()
