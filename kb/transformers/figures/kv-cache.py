"""KV-cache size vs context length for two named models, fp16, batch 1."""
import numpy as np
import matplotlib.pyplot as plt

GiB = 2**30
t = np.arange(0, 32769, 256)
# bytes per token = 2 (K and V) * layers * KV heads * head dim * 2 bytes (fp16)
models = [("Llama-2-7B (MHA: 32 layers x 32 KV heads x 128)", 2 * 32 * 32 * 128 * 2, "#C44E52"),
          ("Llama-3-8B (GQA: 32 layers x 8 KV heads x 128)", 2 * 32 * 8 * 128 * 2, "#4C72B0")]
weights = 6.74e9 * 2 / GiB          # Llama-2-7B fp16 weights, about 12.6 GiB

fig, ax = plt.subplots(figsize=(6.4, 3.8))
for name, per_tok, color in models:
    ax.plot(t, t * per_tok / GiB, color=color, label=f"{name}: {per_tok // 1024} KiB/token")
ax.axhline(weights, color="gray", ls="--", lw=1.2)
ax.text(300, weights + 0.4, "Llama-2-7B fp16 weights (12.6 GiB)", color="gray", fontsize=8)
cross = weights * GiB / models[0][1]
ax.plot([cross], [weights], "o", color="#C44E52")
ax.annotate(f"cache = weights at {cross / 1000:.1f}k tokens", (cross, weights), (19000, 6.0),
            fontsize=8, arrowprops=dict(arrowstyle="->", lw=0.8))
ax.plot([4096], [2.0], "s", color="#C44E52")
ax.annotate("Llama-2-7B: 2 GiB at 4,096 tokens", (4096, 2.0), (1500, 4.2), fontsize=8,
            arrowprops=dict(arrowstyle="->", lw=0.8))
ax.set_xlabel("tokens in the cache (prompt + generated), batch 1")
ax.set_ylabel("KV cache, GiB (fp16)")
ax.set_xlim(0, 32768)
ax.set_ylim(0, 19)
ax.set_title("Each token appends one K and one V row per layer and KV head")
ax.legend(loc="upper left", fontsize=8, frameon=False)
fig.tight_layout()
