"""Logistic regression: the sigmoid, and a fitted linear decision boundary with p = 0.1 / 0.5 / 0.9 contours."""
import matplotlib.pyplot as plt
import numpy as np


def sig(z):
    return 1 / (1 + np.exp(-z))


rng = np.random.default_rng(0)
X = rng.normal(size=(400, 2))
true_w, true_b = np.array([2.0, -3.0]), 0.5
y = (rng.random(400) < sig(X @ true_w + true_b)).astype(float)
w, b = np.zeros(2), 0.0
for _ in range(2000):  # same data and training loop as the answer's example
    p = sig(X @ w + b)
    w -= 0.5 * X.T @ (p - y) / len(y)
    b -= 0.5 * np.mean(p - y)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7, 3.4), gridspec_kw={"width_ratios": [1, 1.15]})
z = np.linspace(-6, 6, 400)
ax1.plot(z, sig(z), color="C0")
ax1.axhline(0.5, color="0.5", lw=1, ls=":")
ax1.axvline(0, color="0.5", lw=1, ls=":")
ax1.plot([0.2], [sig(0.2)], "o", color="C3")
ax1.annotate("z = 0.2, p = 0.55\n(worked example)", xy=(0.2, sig(0.2)), xytext=(1.2, 0.2), fontsize=8,
             arrowprops=dict(arrowstyle="->", color="0.3"))
ax1.set_xlabel("logit z = w·x + b")
ax1.set_ylabel("p = σ(z)")
ax1.set_title("Sigmoid")

g = np.linspace(-3, 3, 300)
G1, G2 = np.meshgrid(g, g)
P = sig(w[0] * G1 + w[1] * G2 + b)
ax2.scatter(X[y == 0, 0], X[y == 0, 1], s=8, c="C0", alpha=0.6, label="y = 0")
ax2.scatter(X[y == 1, 0], X[y == 1, 1], s=8, c="C1", alpha=0.6, marker="^", label="y = 1")
cs = ax2.contour(G1, G2, P, levels=[0.1, 0.5, 0.9], colors="k", linestyles=[":", "-", ":"], linewidths=[1, 2, 1])
ax2.clabel(cs, fmt={0.1: "p=0.1", 0.5: "p=0.5", 0.9: "p=0.9"}, fontsize=8)
ax2.set_xlabel("$x_1$")
ax2.set_ylabel("$x_2$")
ax2.set_xlim(-3, 3)
ax2.set_ylim(-3, 3)
ax2.set_title("Linear decision boundary")
ax2.legend(loc="lower right", fontsize=8)
fig.tight_layout()
