"""Gradient descent on L = 5 theta^2 (lambda = 10, limit 2/lambda = 0.2): iterate and loss."""
import matplotlib.pyplot as plt
import numpy as np

lam, steps = 10.0, 20
rates = [(0.01, "η=0.01 (too small)", "tab:blue"), (0.15, "η=0.15 (fast, oscillating)", "tab:green"),
         (0.19, "η=0.19 (slow, oscillating)", "tab:orange"), (0.21, "η=0.21 (diverges)", "tab:red")]
t = np.arange(steps + 1)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7, 3.4))
for eta, label, color in rates:
    theta = (1 - eta * lam) ** t
    ax1.plot(t, theta, "o-", ms=3, lw=1.2, color=color, label=label)
    ax2.semilogy(t, 0.5 * lam * theta**2, lw=1.6, color=color, label=label,
                 ls="--" if eta == 0.19 else "-")
ax1.axhline(0, color="black", lw=0.8)
ax1.set_ylim(-2.2, 2.2)
ax1.set_xlabel("step t")
ax1.set_ylabel("iterate θ_t")
ax1.set_title("Iterate: sign flips for η > 1/λ = 0.1", fontsize=9)
ax2.set_xlabel("step t")
ax2.set_ylabel("loss 5θ_t² (log scale)")
ax2.set_title("Loss: monotone for every η < 2/λ = 0.2\n(0.01 and 0.19 coincide: both ×0.81 per step)", fontsize=9)
ax2.legend(fontsize=7.5, loc="lower left")
fig.tight_layout()
