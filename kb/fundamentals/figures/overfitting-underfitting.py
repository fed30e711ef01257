"""Training vs validation MSE against polynomial degree, for the example in overfitting-underfitting.md."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
f = lambda x: np.sin(2 * np.pi * x)
x_tr = rng.uniform(0, 1, 15); y_tr = f(x_tr) + rng.normal(0, 0.3, 15)
x_va = rng.uniform(0, 1, 500); y_va = f(x_va) + rng.normal(0, 0.3, 500)
mse = lambda c, x, y: np.mean((np.polyval(c, x) - y) ** 2)
degrees = np.arange(0, 11)
tr, va = [], []
for deg in degrees:
    c = np.polyfit(x_tr, y_tr, deg)
    tr.append(mse(c, x_tr, y_tr)); va.append(mse(c, x_va, y_va))

fig, ax = plt.subplots(figsize=(6.4, 3.9))
ax.plot(degrees, tr, "-o", color="C0", label="training MSE (15 points)")
ax.plot(degrees, va, "-s", color="C3", label="validation MSE (500 points)")
ax.axhline(0.09, ls="--", color="gray", lw=1.2, label="noise floor 0.09")
ax.axvspan(-0.4, 2.5, color="C0", alpha=0.07)
ax.axvspan(6.5, 10.4, color="C3", alpha=0.07)
ax.text(1.0, 4.0, "underfitting", ha="center", color="C0")
ax.text(8.5, 4.0, "overfitting", ha="center", color="C3")
ax.set_yscale("log")
ax.set_xlim(-0.4, 10.4)
ax.set_xticks(degrees)
ax.set_xlabel("polynomial degree (model capacity)")
ax.set_ylabel("MSE (log scale)")
ax.set_title(r"Polynomial fits to noisy $\sin(2\pi x)$")
ax.legend(fontsize=8, loc="lower left")
fig.tight_layout()
