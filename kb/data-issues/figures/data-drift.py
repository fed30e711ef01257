"""Reference vs production feature distribution on the reference-decile bins, with per-bin PSI."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
train = rng.normal(0.0, 1.0, 50_000)
rng.normal(0.0, 1.0, 20_000)            # the example's "no shift" sample, drawn first
prod = rng.normal(0.25, 1.0, 20_000)
edges = np.quantile(train, np.linspace(0, 1, 11))
edges[0], edges[-1] = -np.inf, np.inf
p = np.histogram(train, edges)[0] / len(train)
q = np.histogram(prod, edges)[0] / len(prod)
contrib = (q - p) * np.log(q / p)

fig, ax = plt.subplots(figsize=(6.6, 3.6))
b = np.arange(10)
ax.bar(b - 0.2, p, width=0.4, color="tab:blue", label="reference N(0, 1)")
ax.bar(b + 0.2, q, width=0.4, color="tab:orange", label="production N(0.25, 1)")
for i in b:
    ax.text(i, max(p[i], q[i]) + 0.004, f"{contrib[i]:.3f}", ha="center", fontsize=7)
ax.axhline(0.1, color="gray", linewidth=1, linestyle=":", label="10% per reference decile")
ax.set_xticks(b)
ax.set_xticklabels([f"D{i + 1}" for i in b])
ax.set_ylim(0, 0.16)
ax.set_xlabel("reference decile bin (numbers: PSI contribution of the bin)")
ax.set_ylabel("share of rows")
ax.set_title(f"Mean shift of 0.25 sd: PSI = {contrib.sum():.3f}")
ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
