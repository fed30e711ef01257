"""Per-example log loss -ln p versus the probability given to the true class, against the Brier score."""
import matplotlib.pyplot as plt
import numpy as np

p = np.linspace(0.005, 1, 500)
fig, ax = plt.subplots(figsize=(6.2, 3.6))
ax.axvspan(0.005, 0.1, color="tab:red", alpha=0.08)
ax.text(0.02, 0.35, "confident\nmistakes", fontsize=8, color="tab:red")
ax.plot(p, -np.log(p), color="tab:blue", label=r"log loss $-\ln p$")
ax.plot(p, (1 - p) ** 2, color="tab:orange", label=r"Brier $(1-p)^2$")
for q in (0.9, 0.5, 0.1, 0.01):
    ax.plot(q, -np.log(q), "o", color="tab:blue", markersize=5)
    ax.annotate(f"p={q}: {-np.log(q):.3f}", xy=(q, -np.log(q)), xytext=(8, 4 if q > 0.05 else -4),
                textcoords="offset points", fontsize=8, va="bottom" if q > 0.05 else "center")
ax.set_xlim(0, 1.02)
ax.set_ylim(0, 5.3)
ax.set_xlabel("probability assigned to the true class, p")
ax.set_ylabel("per-example loss (log loss in nats)")
ax.set_title("Log loss is unbounded as p → 0; Brier stays below 1")
ax.legend(loc="upper right", fontsize=8)
fig.tight_layout()
