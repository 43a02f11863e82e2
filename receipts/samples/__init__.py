"""Realistic synthetic payment documents with gold labels, for the prefill tests and demo.

``generate.make_samples(folder, count, seed)`` writes PNG/JPEG "photos" and scanned PDFs of
bank transfer slips (layouts in the style of Vietcombank, BIDV, Agribank and VietinBank
e-banking advices, without any logo), payment orders (ủy nhiệm chi) and cash hand-over records
(biên bản giao nhận tiền), plus ``labels.json`` with the true value of every field.
"""
