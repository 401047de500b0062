/// The one stylesheet: plain, readable on a phone, no web fonts.
enum Style {
    static let css = """
    *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d2330;background:#f6f7f9}
    header{background:#1d3a5f;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
    header a,header .link{color:#fff}nav{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;flex:1}
    .who{margin-left:auto;opacity:.85;font-size:.9rem}main{max-width:60rem;margin:0 auto;padding:1rem}
    h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin-top:1.5rem}
    .field{display:flex;flex-direction:column;max-width:28rem;margin:.6rem 0}label{font-weight:600}
    label:has(input[type=checkbox]){white-space:nowrap;display:inline-block;margin-right:.6em}
    input,select{font:inherit;padding:.45rem;border:1px solid #8a94a6;border-radius:4px}
    input[aria-invalid=true]{border-color:#b3261e}.error{color:#b3261e;font-size:.9rem}
    button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:#1d3a5f;color:#fff;cursor:pointer}
    button.link{background:none;padding:0;text-decoration:underline}form.inline{display:inline}
    .notice{padding:.6rem .8rem;border-radius:4px;background:#e8eef7;color:#1d2330}.notice.ok{background:#e3f4e6}
    .notice.error{background:#fbe6e4}.notice.warn{background:#fdf1d8}
    table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #dde1e8}
    td.num,th.num{text-align:right;white-space:nowrap}.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
    .facts dt{font-weight:600}.facts dd{margin:0}.status-Submitted{color:#8a5a00;font-weight:600}
    .status-Executed{color:#1e6b2f}.status-Canceled{color:#6b7280}.muted{color:#5f6b7a}
    @media (max-width:40rem){table{font-size:.9rem}th,td{padding:.3rem}}
    .filters{display:flex;gap:1rem;margin-bottom:1rem}.filters a[aria-current]{font-weight:700;text-decoration:none}
    .pager{display:flex;gap:1rem;margin:.6rem 0}.document{background:#fff;padding:1rem}
    .document-head{display:flex;justify-content:space-between;align-items:baseline}
    .document-status{font-weight:700}.status-Overdue{color:#b3261e}.status-Paid{color:#1e6b2f}
    .seller,.bill-to{display:inline-block;vertical-align:top;min-width:16rem;margin-right:3rem;break-inside:avoid}
    .seller h3,.bill-to h3{font-size:1rem;margin:.8rem 0 .2rem}.seller p,.bill-to p{margin:0 0 .8rem}
    .document tfoot th{text-align:right}.document tr.total{font-weight:700}.document .rate{white-space:nowrap}
    .note{margin:.8rem 0;padding:.4rem .7rem;border-left:4px solid #1d3a5f;background:#e8eef7}
    @media (max-width:40rem){.wide{display:none}.seller,.bill-to{display:block;margin-right:0}}
    @media (max-width:40rem){table.overdue th{white-space:normal}}
    @media print{body>header,.no-print,main>h1,.notice{display:none}body{background:#fff;color:#000;font-size:11pt}
    main{max-width:none;padding:0}.document{padding:0}a{color:#000;text-decoration:none}
    .note{background:none;border-left-color:#000}.muted{color:#333}
    table{page-break-inside:auto}tr{page-break-inside:avoid}}
    """
}
