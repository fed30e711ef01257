"""Prior-weighted class densities at 1% prevalence and the Bayes (error-rate) threshold."""
import matplotlib.pyplot as plt
import numpy as np

pi = 0.01
x = np.linspace(-4, 7, 600)
phi = lambda z: np.exp(-z**2 / 2) / np.sqrt(2 * np.pi)
neg = (1 - pi) * phi(x)          # x | y=0 ~ N(0, 1)
pos = pi * phi(x - 2)            # x | y=1 ~ N(2, 1)
x_star = (2 - np.log(pi / (1 - pi))) / 2   # 3.30: posterior = 0.5

fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.semilogy(x, neg, color="tab:blue", label=r"negatives: $0.99\,\mathcal{N}(0,1)$")
ax.semilogy(x, pos, color="tab:red", label=r"positives: $0.01\,\mathcal{N}(2,1)$")
ax.fill_between(x, 1e-6, pos, where=x >= x_star, color="tab:red", alpha=0.3,
                label="positives caught at threshold 0.5 (9.7%)")
ax.axvline(x_star, color="black", linestyle="--", linewidth=1.2)
ax.annotate(f"Bayes threshold\nx* = {x_star:.2f}", xy=(x_star, 2e-2), xytext=(4.3, 5e-2),
            arrowprops=dict(arrowstyle="->"), fontsize=9)
ax.set_ylim(1e-5, 1)
ax.set_xlim(-4, 7)
ax.set_xlabel("feature x")
ax.set_ylabel("prior × class density (log scale)")
ax.set_title("At 1% prevalence the posterior passes 0.5 only far in the tail")
ax.legend(loc="lower left", fontsize=8)
fig.tight_layout()
