"""The second reading of OCR'd numbers: each doubtful number cut out of the page and read again on its own.

Tesseract reads a page line by line, and in a table row ("2. Tillgänglighet … 52") it sometimes
drops or changes a digit of the score or reads it as letters ("2" at confidence 2, "SÅ" for 57,
"7155" for 71,5) although the digits are perfectly clear: the line recogniser gets the number wrong
in its context, and its confidence says so. Each doubtful number (low confidence, or a box too wide
for its text) and each short low-confidence word is cut out of the page (table rules beside it
whitened) and read again on its own: at three small sizes, grey and binarised (Otsu), once with a
digit whitelist and once without. Two doubtful words side by side (OCR_REREAD_JOIN) are also read
as one: tesseract splits "71,5" into "TÅ" and "Be" at the comma. The word is replaced only when
most of these readings agree on the same number; see OCR_REREAD_VOTES for the stricter cases.

It is done in two steps so that two tesseract runs serve a whole document: `plan_rereading` per
page while its image is at hand, then `reread` for the plans of all pages (0.1-0.5 s per page).
Checks downstream (sums, ranges) then see OCR'd numbers like any others, but are not what catches
OCR errors. Words tesseract does not find at all are not recovered.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

from .tesseract import tesseract_images

log = logging.getLogger(__name__)

#: A word is re-read when it is a number (OCR_NUMBER) read below OCR_REREAD_CONFIDENCE or whose
#: box is wider than OCR_REREAD_WIDE times its height per character (a dropped digit: "2" in the
#: box of "52"), or when it is a short word (at most OCR_REREAD_SHORT characters, a letter or digit
#: among them: not a lone "-" or "«", mostly bullets and specks) read below
#: OCR_REREAD_SHORT_CONFIDENCE (a number read as letters: "SÅ", "DO", "De" for 57, 55, 52, seen at
#: confidence 0-80). Correct numbers on scans of the factory fixtures at 200-300 dpi were read at
#: 89-96 and at most 0.92 x height per character; "35" for 55 was read at 90.
OCR_NUMBER = re.compile(r"[(\[]?[-–+]?[\d.,;:/%–-]*\d[\d.,;:/%–-]*[)\]]?[.,:;]?")
OCR_REREAD_CONFIDENCE = 95.0
OCR_REREAD_WIDE = 1.1
OCR_REREAD_SHORT = 4
OCR_REREAD_SHORT_CONFIDENCE = 90.0
#: Characters of the digit-only readings: digits, decimal and thousands separators, ranges, dates,
#: percentages, "(21)" and footnote marks ("0 *)").
OCR_REREAD_WHITELIST = "0123456789,.-:/%()*"
#: The cut-out word is read at these text heights (px), each grey and binarised. Tesseract reads a
#: lone word best when it is small: at 26-32 px it already misses "55" in Liberation Serif that it
#: reads at 16-24, and at 40 px and more it drops digits of clean numbers.
OCR_REREAD_HEIGHTS = (16, 20, 24)
#: Horizontal margin of the cut-out (x word height), so digits left out of the box are read too
#: ("TÅ" covering only the "71" of "71,5"); it stops half-way to the nearest word beside it.
OCR_REREAD_MARGIN = 1.2
#: Readings needed to change a word. Of the 6 digit-only readings a number needs OCR_REREAD_VOTES
#: and a short word OCR_REREAD_WORD_VOTES, and OCR_REREAD_CONFIRM of the 6 unconstrained readings
#: must read the same number (so "IT" does not become 17). A first reading at OCR_REREAD_SURE or
#: more needs all but one, and is never just extended ("7." at 93 read alone as "17."), unless
#: its box is too wide (above). A change of punctuation only needs every digit-only reading when
#: the first reading was a plausible number read at OCR_REREAD_PUNCTUATION_CONFIDENCE or more: a
#: period and a comma are a few pixels apart at 200 dpi ("4." and "4," split the readings).
OCR_REREAD_VOTES = 4
OCR_REREAD_WORD_VOTES = 3
OCR_REREAD_CONFIRM = 3
OCR_REREAD_SURE = 80.0
OCR_REREAD_PUNCTUATION_CONFIDENCE = 50.0
#: A reading counts only when it overlaps the word's own box by half (not a neighbour read alone).
OCR_REREAD_OVERLAP = 0.5
#: Two doubtful words on one line at most this many times their height apart are also read as one
#: (tesseract splits "71,5" at the comma into "TÅ" and "Be").
OCR_REREAD_JOIN = 0.5
#: A column beside the word that is dark over this share of twice the word's height is a table
#: rule ("|" beside "2.", read as "12."); it and whatever lies beyond it are whitened.
OCR_REREAD_RULE = 0.7
#: At most this many words per page are re-read, the least confident first (12 readings of about
#: 5 ms each per word): a bound for pages of noise.
OCR_REREAD_MAX_WORDS = 150


@dataclass
class Rereading:
    """The second reading of one page's doubtful words, planned (`plan_rereading`) while the page
    image is at hand and carried out later by `reread`, with other pages' in the same runs.

    `todo` holds (first confidence, the word or words read as one, digit-only readings needed to
    change them); `spans[k]` are the indices into `views` (cut-out images) and `geometry` (each
    view's (box, scale, margin), for `reads_own_box`) of `todo[k]`'s views.
    """

    data: dict[str, list]
    page_width: int
    todo: list[tuple[float, tuple[int, ...], int]]
    spans: list[tuple[int, int]]
    views: list[Image.Image]
    geometry: list[tuple[tuple[int, ...], float, int]]

    def apply(self, digits: list[tuple[str, float, int, int]], free: list[tuple[str, float, int, int]]) -> int:
        """Correct `data` in place from the views' readings with (`digits`) and without (`free`) the
        digit whitelist, where the votes say so; how many words were changed."""
        data = self.data
        changed, done = 0, set()
        for (conf, group, votes), (start, end) in zip(self.todo, self.spans):
            if done.intersection(group):
                continue
            own = [(r, self.geometry[start + k]) for k, r in enumerate(digits[start:end])]
            number, n = majority([r for r, geometry in own if reads_own_box(r, geometry)])
            text = "".join(str(data["text"][i]).strip() for i in group)
            if number is None or number == text:
                continue
            if (
                re.sub(r"\D", "", number) == re.sub(r"\D", "", text)
                and plausible_number(text)
                and (conf >= OCR_REREAD_PUNCTUATION_CONFIDENCE)
            ):
                votes = end - start  # punctuation only: every digit-only reading
            elif conf >= OCR_REREAD_SURE:
                if (number.startswith(text) or number.endswith(text)) and not too_wide(data, group):
                    continue  # a confident "7." is not "17.": a lone glyph's echo
                votes = max(votes, end - start - 1)
            confirmed, m = majority(
                [r for k, r in enumerate(free[start:end]) if reads_own_box(r, self.geometry[start + k])]
            )
            if n >= votes and confirmed == number and m >= OCR_REREAD_CONFIRM:
                log.debug(
                    "OCR re-read %r (conf %s) as %r (%d + %d readings)",
                    " ".join(str(data["text"][i]) for i in group),
                    conf,
                    number,
                    n,
                    m,
                )
                first, *rest = group
                box = reread_box(data, group, [], self.page_width)
                data["text"][first] = number
                data["conf"][first] = max(r[1] for r, _ in own if r[0] == number)
                data["left"][first], data["width"][first] = box[1], box[2] - box[1]
                data["top"][first], data["height"][first] = box[4], box[5] - box[4]
                for i in rest:  # tesseract_to_words skips empty words
                    data["text"][i] = ""
                done.update(group)
                changed += 1
        return changed


def plan_rereading(image: Image.Image, data: dict[str, list]) -> Rereading:
    """Which words of a page (`data`: image_to_data's DICT for `image`) are doubtful, and their
    cut-out views; no views when tesseract was sure of every number (see OCR_NUMBER and the
    OCR_REREAD_* constants)."""
    words = [
        i
        for i, level in enumerate(data["level"])
        if int(level) == 5 and str(data["text"][i]).strip() and int(data["width"][i]) > 1 and int(data["height"][i]) > 3
    ]
    doubtful: dict[int, int] = {}  # word → digit-only readings needed to change it
    for i in words:
        text, conf = str(data["text"][i]).strip(), float(data["conf"][i])
        if OCR_NUMBER.fullmatch(text):
            if conf < OCR_REREAD_CONFIDENCE or too_wide(data, (i,)):
                doubtful[i] = OCR_REREAD_VOTES
        elif (
            len(text.rstrip(".,:;")) <= OCR_REREAD_SHORT
            and conf < OCR_REREAD_SHORT_CONFIDENCE
            and any(ch.isalnum() for ch in text)
        ):
            doubtful[i] = OCR_REREAD_WORD_VOTES
    plan = Rereading(data, image.width, [], [], [], [])
    if not doubtful:
        return plan
    todo = sorted((float(data["conf"][i]), (i,), votes) for i, votes in doubtful.items())[:OCR_REREAD_MAX_WORDS]
    plan.todo = [(conf, pair, OCR_REREAD_VOTES) for conf, pair in split_pairs(data, [i for _, (i,), _ in todo])] + todo
    if image.mode != "L":
        image = image.convert("L")
    for _, group, _ in plan.todo:
        box = reread_box(data, group, words, image.width)
        word_views = reading_views(cut_out(image, box), box)
        plan.spans.append((len(plan.views), len(plan.views) + len(word_views)))
        plan.views += [view for view, _, _ in word_views]
        plan.geometry += [(box, scale, border) for _, scale, border in word_views]
    return plan


def reread(plans: list[Rereading], lang: str) -> int:
    """Carry out the planned second readings of any number of pages: all their views in one
    tesseract run with the digit whitelist and one without (none if there are no views). Returns
    how many words were changed."""
    views = [view for plan in plans for view in plan.views]
    if not views:
        return 0
    digits = read_views(views, lang, OCR_REREAD_WHITELIST)
    free = read_views(views, lang, None)
    changed = start = 0
    for plan in plans:
        end = start + len(plan.views)
        changed += plan.apply(digits[start:end], free[start:end])
        start = end
    return changed


def too_wide(data: dict[str, list], group: tuple[int, ...]) -> bool:
    """Whether a word's box is wider than OCR_REREAD_WIDE times its height per character: tesseract
    left a digit out of the text but not out of the box ("2" in the box of "52")."""
    text = "".join(str(data["text"][i]).strip() for i in group)
    width = sum(int(data["width"][i]) for i in group)
    height = max(int(data["height"][i]) for i in group)
    return width > OCR_REREAD_WIDE * height * max(1, len(text))


def split_pairs(data: dict[str, list], doubtful: list[int]) -> list[tuple[float, tuple[int, int]]]:
    """Pairs of doubtful words next to each other on one tesseract line, at most OCR_REREAD_JOIN
    times their height apart: (lower confidence, (left word, right word))."""
    doubtful = set(doubtful)
    lines: dict[tuple, list[int]] = defaultdict(list)
    for i in doubtful:
        lines[(data["block_num"][i], data["par_num"][i], data["line_num"][i])].append(i)
    pairs = []
    for members in lines.values():
        members.sort(key=lambda i: int(data["left"][i]))
        for a, b in zip(members, members[1:]):
            if int(data["word_num"][b]) != int(data["word_num"][a]) + 1:
                continue  # another word between them
            gap = int(data["left"][b]) - int(data["left"][a]) - int(data["width"][a])
            if gap <= OCR_REREAD_JOIN * min(int(data["height"][a]), int(data["height"][b])):
                pairs.append((min(float(data["conf"][a]), float(data["conf"][b])), (a, b)))
    return pairs


def reread_box(
    data: dict[str, list], group: tuple[int, ...], words: list[int], page_width: int
) -> tuple[int, int, int, int, int, int]:
    """(x0, left, right, x1, top, bottom): the box around the words of `group`, widened by
    OCR_REREAD_MARGIN up to half-way to the nearest other word of `words` beside it (any word
    overlapping it vertically by half)."""
    left = min(int(data["left"][i]) for i in group)
    right = max(int(data["left"][i]) + int(data["width"][i]) for i in group)
    top = min(int(data["top"][i]) for i in group)
    bottom = max(int(data["top"][i]) + int(data["height"][i]) for i in group)
    height = bottom - top
    x0, x1 = left - OCR_REREAD_MARGIN * height, right + OCR_REREAD_MARGIN * height
    for j in words:
        if j in group:
            continue
        top_j = int(data["top"][j])
        bottom_j = top_j + int(data["height"][j])
        if min(bottom, bottom_j) - max(top, top_j) < 0.5 * min(height, bottom_j - top_j):
            continue
        left_j = int(data["left"][j])
        right_j = left_j + int(data["width"][j])
        if right_j <= left:
            x0 = max(x0, (right_j + left) / 2)
        elif left_j >= right:
            x1 = min(x1, (right + left_j) / 2)
    return max(0, int(x0)), left, right, min(page_width, math.ceil(x1)), top, bottom


def cut_out(image: Image.Image, box: tuple[int, int, int, int, int, int]) -> Image.Image:
    """The word's strip of the page (one pixel above and below); a table rule beside the word, and
    whatever lies beyond it, is whitened."""
    x0, left, right, x1, top, bottom = box
    reach = max(2, (bottom - top) // 2)
    y0, y1 = max(0, top - reach), min(image.height, bottom + reach)
    region = image.crop((x0, y0, x1, y1))
    threshold = otsu_threshold(region)
    ink = region.point(lambda v: 255 if v <= threshold else 0)
    darkness = ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes()  # mean of each column
    strip = region.crop((0, max(0, top - 1 - y0), region.width, min(region.height, bottom + 1 - y0)))
    inside = range(left - x0, right - x0)
    rules = [x for x, dark in enumerate(darkness) if x not in inside and dark >= OCR_REREAD_RULE * 255]
    draw = ImageDraw.Draw(strip)
    # What lies beyond a rule is another cell; its grey edge (2 px) would be read as a "1".
    if before := [x for x in rules if x < inside.start]:
        draw.rectangle((0, 0, min(max(before) + 2, inside.start - 1), strip.height), fill=255)
    if after := [x for x in rules if x >= inside.stop]:
        draw.rectangle((max(min(after) - 2, inside.stop), 0, strip.width, strip.height), fill=255)
    return strip


def reading_views(crop: Image.Image, box: tuple[int, ...]) -> list[tuple[Image.Image, float, int]]:
    """The cut-out word at each of OCR_REREAD_HEIGHTS, grey and binarised, each on a white margin:
    (image, horizontal scale, margin). Both are split at Otsu's threshold: what is lighter is paper
    and turns white (the noise and JPEG halo around digits makes tesseract read "71,5" as "7155");
    the grey view keeps the ink's grey edges, stretched to black."""
    height = box[5] - box[4]
    threshold = otsu_threshold(crop)
    grey = ImageOps.autocontrast(crop.point(lambda v: 255 if v > threshold else v), cutoff=(1, 0))
    binary = crop.point(lambda v: 255 if v > threshold else 0)
    views = []
    for target in OCR_REREAD_HEIGHTS:
        scale = target / height
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        border = max(4, target // 2)
        for base, binarise in ((grey, False), (binary, True)):
            view = base.resize(size, Image.Resampling.BICUBIC) if size != base.size else base
            if binarise and view is not base:
                view = view.point(lambda v: 255 if v > 127 else 0)
            framed = Image.new("L", (view.width + 2 * border, view.height + 2 * border), 255)
            framed.paste(view, (border, border))
            views.append((framed, size[0] / crop.width, border))
    return views


def otsu_threshold(image: Image.Image) -> int:
    """Otsu's threshold of a greyscale image: the grey level that best splits ink from paper."""
    histogram = image.histogram()[:256]
    total = sum(histogram)
    weighted = sum(level * n for level, n in enumerate(histogram))
    below = below_weighted = 0
    best, threshold = -1.0, 127
    for level, n in enumerate(histogram):
        below += n
        if not below:
            continue
        above = total - below
        if not above:
            break
        below_weighted += level * n
        spread = below * above * (below_weighted / below - (weighted - below_weighted) / above) ** 2
        if spread > best:
            best, threshold = spread, level
    return threshold


def read_views(views: list[Image.Image], lang: str, whitelist: str | None) -> list[tuple[str, float, int, int]]:
    """Each view read as one text line (--psm 7), all in one tesseract run: per view (text, lowest
    word confidence, left, right), ("", -1, 0, 0) when nothing was read."""
    config = "--psm 7" + (f" -c tessedit_char_whitelist={whitelist}" if whitelist else "")
    readings = []
    for data in tesseract_images(views, lang, 300, config):
        ws = sorted(
            (int(left), int(left) + int(width), str(text).strip(), float(conf))
            for level, left, width, text, conf in zip(
                data["level"], data["left"], data["width"], data["text"], data["conf"]
            )
            if int(level) == 5 and str(text).strip()
        )
        readings.append(
            (" ".join(w[2] for w in ws), min(w[3] for w in ws), ws[0][0], ws[-1][1]) if ws else ("", -1.0, 0, 0)
        )
    return readings


def reads_own_box(reading: tuple[str, float, int, int], geometry: tuple) -> bool:
    """Whether a view's reading lies over the word's own box (by OCR_REREAD_OVERLAP of the narrower)."""
    box, scale, border = geometry
    x0, left, right = box[0], box[1], box[2]
    if not reading[0] or scale <= 0:
        return False
    start, end = x0 + (reading[2] - border) / scale, x0 + (reading[3] - border) / scale
    return min(end, right) - max(start, left) >= OCR_REREAD_OVERLAP * min(end - start, right - left)


def plausible_number(text: str) -> bool:
    """An OCR_NUMBER with balanced parentheses ("21121)" is "21 (21)" misread) and no semicolon
    between digits ("63;5" is 63,5 misread)."""
    return bool(OCR_NUMBER.fullmatch(text)) and text.count("(") == text.count(")") and not re.search(r"\d;\d", text)


def majority(readings: list[tuple[str, float, int, int]]) -> tuple[str | None, int]:
    """The plausible number most readings agree on (ties: higher summed confidence), and how many do."""
    tally: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for text, conf, _, _ in readings:
        if plausible_number(text):
            tally[text][0] += 1
            tally[text][1] += conf
    if not tally:
        return None, 0
    best = max(tally, key=lambda t: tuple(tally[t]))
    return best, int(tally[best][0])
