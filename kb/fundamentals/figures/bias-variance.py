"""Bias^2, variance and noise against polynomial degree, for the simulation in bias-variance.md."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
f = lambda x: np.sin(2 * np.pi * x)
sigma, n, trials = 0.3, 20, 1000
x = np.linspace(0, 1, n)
x_test = np.linspace(0.05, 0.95, 50)
degrees = np.arange(0, 13)
bias2, var = [], []
for deg in degrees:
    preds = np.empty((trials, x_test.size))
    for t in range(trials):
        y = f(x) + rng.normal(0, sigma, n)
        preds[t] = np.polyval(np.polyfit(x, y, deg), x_test)
    bias2.append(np.mean((preds.mean(0) - f(x_test)) ** 2))
    var.append(np.mean(preds.var(0)))
bias2, var = np.array(bias2), np.array(var)
total = bias2 + var + sigma**2

fig, ax = plt.subplots(figsize=(6.4, 3.9))
ax.plot(degrees, total, "-o", color="k", label=r"expected test MSE = bias$^2$ + variance + $\sigma^2$")
ax.plot(degrees, bias2, "-s", color="C0", label=r"bias$^2$")
ax.plot(degrees, var, "-^", color="C3", label="variance")
ax.axhline(sigma**2, ls="--", color="gray", lw=1.2, label=r"noise floor $\sigma^2 = 0.09$")
best = degrees[np.argmin(total)]
ax.annotate(f"minimum at degree {best} (MSE {total.min():.2f})", xy=(best, total.min()),
            xytext=(3.5, 0.42), arrowprops=dict(arrowstyle="->"))
ax.set_ylim(0, 0.7)
ax.set_xticks(degrees)
ax.set_xlabel("polynomial degree (model capacity)")
ax.set_ylabel("error")
ax.set_title(r"Fitting $\sin(2\pi x)$ from 20 noisy points, 1000 training sets")
ax.legend(fontsize=8, loc="upper right")
fig.tight_layout()
