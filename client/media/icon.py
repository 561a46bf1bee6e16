"""Draws client/media/icon.png, Samsara's 128x128 listing icon: a page of prose on which two names
are highlighted in Samsara's entity colours, inside a ring of the same colours (the wheel the
name means). Drawn at 4x and scaled down for smooth edges. Run with any Python that has Pillow:
`python client/media/icon.py` (the PNG is committed; this is how it was made)."""

from pathlib import Path

from PIL import Image, ImageDraw

S = 512  # drawing size; the icon is S / 4
BACKGROUND = (30, 27, 75)  # deep indigo, the gallery banner's colour too
PAGE = (248, 246, 240)
INK = (120, 118, 140)
PERSON = (78, 201, 176)  # teal, as the default dark themes colour a PERSON
PLACE = (197, 134, 192)  # violet, GPE / LOC
ORG = (220, 220, 140)  # yellow, ORG
DATE = (181, 206, 168)  # green, DATE

image = Image.new("RGBA", (S, S), (0, 0, 0, 0))
draw = ImageDraw.Draw(image)
draw.rounded_rectangle((0, 0, S - 1, S - 1), radius=96, fill=BACKGROUND)

# The ring: four arcs, one colour per kind of name, with gaps between them.
box = (40, 40, S - 40, S - 40)
for start, colour in zip((-80, 10, 100, 190), (PERSON, PLACE, ORG, DATE), strict=True):
    draw.arc(box, start=start, end=start + 70, fill=colour, width=30)

# The page, with lines of text; two of the words on it are names, highlighted.
page = (140, 128, S - 140, S - 128)
draw.rounded_rectangle(page, radius=18, fill=PAGE)
left, right = page[0] + 30, page[2] - 30
rows = [page[1] + 40 + i * 46 for i in range(5)]
for i, y in enumerate(rows):
    end = right - (60 if i == len(rows) - 1 else 0)
    draw.rounded_rectangle((left, y, end, y + 18), radius=9, fill=INK)
# Highlighted names: wider pills in entity colours over the lines.
draw.rounded_rectangle((left + 40, rows[1] - 8, left + 150, rows[1] + 26), radius=10, fill=PERSON)
draw.rounded_rectangle((left + 70, rows[3] - 8, right, rows[3] + 26), radius=10, fill=PLACE)

out = Path(__file__).with_name("icon.png")
image.resize((128, 128), Image.LANCZOS).save(out, optimize=True)
print(out)
