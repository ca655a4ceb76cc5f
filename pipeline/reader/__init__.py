"""The reader: a file in, the page model (extractors.page.Document) out, or a DocumentError saying why not.

One concept per module, imported one way (document → triage/ocr → the readers → limits):

- limits.py: `Limits` (size, pages, time, memory, OCR settings), `DocumentError` and its error codes
- sniff.py: empty / not a PDF (and what it is instead) / too large, before any parser sees the file
- pdfium_file.py: the file opened in PDFium: `encrypted`, `corrupt`, the page count; a page loaded
- plumber_words.py: pdfplumber's reading of a page (its words), the reference reader
- pdfium_fonts.py: the fonts of a page as pdfminer reads them (declared descents), for PDFium's characters
- pdfium_words.py: the same words read through PDFium, or None where PDFium cannot vouch for them
- triage.py: which reader reads which page (pdfplumber for covers and pages that could hold scores)
- tesseract.py: whether tesseract can run here, and one tesseract run over many images
- ocr.py: tesseract's words for scanned pages, in batches
- reread.py: the second reading of doubtful OCR'd numbers, cut out one by one
- document.py: `open_document`: every page read once, OCR where needed, the model built once

Empty of imports, so that importing `limits` does not load the PDF libraries. Nothing here imports
the worker pool (pipeline.workers), which takes its errors from `limits` and preloads `document`.
"""
