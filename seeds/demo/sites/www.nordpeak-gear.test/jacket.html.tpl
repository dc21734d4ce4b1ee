<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Alpine Shell Jacket — Nordpeak Gear</title>
<meta property="og:title" content="Alpine Shell Jacket">
<script type="application/ld+json">
{ "@context": "https://schema.org", "@type": "Product", "name": "Alpine Shell Jacket", "sku": "NP-ASJ-01",
  "offers": { "@type": "Offer", "price": "{{PRICE}}", "priceCurrency": "EUR" } }
</script>
<!-- GrowthBook's real script-tag SDK (npm @growthbook/growthbook), features from a local stub -->
<script async src="https://cdn.jsdelivr.net/npm/@growthbook/growthbook/dist/bundles/auto.min.js"
  data-api-host="https://cdn.growthbook.io" data-client-key="sdk-nordpeak-demo" data-no-streaming="true"></script>
<style>
  body { font-family: system-ui, sans-serif; max-width: 640px; margin: 2rem auto; }
  .price { font-size: 1.6rem; font-weight: 700; }
  .deal { background: #fff3e0; padding: .5rem 1rem; border-radius: 8px; }
  .was { text-decoration: line-through; color: #888; display: none; }
</style>
</head>
<body>
<h1>Alpine Shell Jacket</h1>
<div class="buy-box">
  <p><span class="was" id="was">€279.00</span> <span class="price" title="This price was set by an algorithm using your personal data">€{{PRICE}}</span></p>
  <button>Add to cart</button>
</div>
<div class="deal">
  <p>Flash sale ends in <span id="timer">00:15:00</span></p>
  <p>Only 2 left in stock</p>
  <p>23 people are viewing this right now</p>
</div>
<p>Free shipping on orders over €100.</p>
<script>
  // The "flash sale" restarts at fifteen minutes on every visit.
  let left = 900;
  const el = document.getElementById('timer');
  const pad = (n) => String(n).padStart(2, '0');
  setInterval(() => {
    left = Math.max(0, left - 1);
    el.textContent = `${pad(Math.floor(left / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`;
  }, 1000);
  // The experiment decides whether a crossed-out "was" price anchors the real one.
  document.addEventListener('growthbookdata', () => {
    if (window._growthbook && window._growthbook.isOn('jacket-price-anchor')) document.getElementById('was').style.display = 'inline';
  });
</script>
</body>
</html>
