"""Labels readers see for the records' coded values (categories, maturity, verdicts...)."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = {
    "biomaterial": ("biomaterials", "Biomaterials"),
    "recycled-feedstock": ("recycled-feedstocks", "Recycled feedstocks"),
    "reference-material": ("reference-materials", "Reference materials"),
}


KIND_INTROS = {
    "biomaterial": "Fibres, crop residues, fungal and starch materials that grow where they "
    "are used.",
    "recycled-feedstock": "Plastics recovered from local waste, with how to identify, clean "
    "and process them.",
    "reference-material": "Common virgin materials, listed so that local alternatives can be "
    "compared with them.",
}


CATEGORIES = {
    "ppe": "Personal protective equipment",
    "hygiene": "Hygiene",
    "water-and-sanitation": "Water and sanitation",
    "medical": "Medical",
    "household": "Household",
    "repair-part": "Repair parts",
    "tooling": "Tooling",
    "test-specimen": "Test specimens",
    "agriculture": "Agriculture",
    "education": "Education",
}


MATURITY = {
    "concept": ("Concept", "drawn, never made"),
    "prototype": ("Prototype", "made by its author"),
    "tested": ("Tested", "made and used by others"),
    "production": ("Production", "made in numbers"),
}


VERDICTS = {
    "ready": "Ready to make",
    "needs-attention": "Needs attention",
    "not-printable": "Cannot be made as it is",
    "unreadable": "The file cannot be read",
    "not-analysed": "Not analysed",
}


EVIDENCE = {
    "self-tested": "Tested by its author",
    "independently-made": "Made independently",
    "lab-tested": "Laboratory test",
    "expert-reviewed": "Expert review",
}


FASTENERS = {
    "none-needed": "none needed",
    "reusable": "reusable",
    "removable": "removable",
    "permanent": "permanent",
}


REPAIR_TOOLS = {
    "none": "no tools",
    "basic": "basic tools",
    "commercially-available": "commercially available tools",
    "specialised": "specialised tools",
    "not-possible": "cannot be opened",
}


SKILL = {
    "layperson": "anyone",
    "generalist": "a handy person",
    "expert": "an expert",
    "manufacturer": "the manufacturer only",
}


ORIGINS = {
    "crop": "Crop",
    "crop-residue": "Crop residue",
    "agro-industrial-waste": "Agro-industrial waste",
    "wild-plant": "Wild plant",
    "fungal": "Fungal",
    "post-consumer-waste": "Post-consumer waste",
    "post-industrial-waste": "Post-industrial waste",
    "virgin-synthetic": "Virgin synthetic",
    "bio-based-synthetic": "Bio-based synthetic",
}


PROPERTY_NAMES = {
    "density": "Density",
    "melting_temperature": "Melting temperature",
    "glass_transition_temperature": "Glass transition temperature",
    "decomposition_temperature": "Decomposition temperature",
    "tensile_strength": "Tensile strength",
    "tensile_modulus": "Tensile modulus",
    "elongation_at_break": "Elongation at break",
    "water_absorption": "Water absorption",
    "moisture_content": "Moisture content",
    "shrinkage": "Mould shrinkage",
    "cellulose_content": "Cellulose content",
    "lignin_content": "Lignin content",
    "fibre_diameter": "Fibre diameter",
    "fibre_length": "Fibre length",
    "price": "Price",
}


RULE_NAMES = {
    "min_wall": "Minimum wall",
    "max_wall": "Maximum wall",
    "max_overhang": "Maximum overhang (from vertical)",
    "draft_angle": "Draft angle",
    "max_bridge": "Maximum bridge",
    "min_feature": "Minimum feature",
    "min_hole": "Minimum hole",
    "clearance": "Clearance",
}


ANALYSIS_MODELS = {
    "fdm": "estimated by slicing perimeters, shells and infill",
    "solid": "the part's full volume (a moulded shot or pressed charge)",
    "sheet": "not estimated from the mesh (sheet material)",
    "none": "not estimated from the mesh",
}


STATUS_NAMES = {
    "low": "low",
    "medium": "medium",
    "high": "high",
    "biodegradable": "biodegradable",
    "industrially-compostable": "industrially compostable",
    "not-biodegradable": "not biodegradable",
    "suitable": "suitable",
    "suitable-virgin-only": "suitable when virgin only",
    "not-recommended": "not recommended",
    "unsuitable": "unsuitable",
}


HAZARDS = {
    "fumes": "fumes",
    "toxic-gas": "toxic gas",
    "dust": "dust",
    "burns": "burns",
    "fire": "fire",
    "sharp-edges": "sharp edges",
    "skin-irritation": "skin irritation",
    "mould-growth": "mould growth",
    "chemical": "chemicals",
}


@dataclass(frozen=True)
class Pillar:
    title: str
    text: str
    links: tuple[tuple[str, str], ...]  # (page, label)


PILLARS: dict[str, Pillar] = {
    "flexibility": Pillar(
        "Flexibility",
        "Designs that can be made by more than one process, in more than one material, "
        "on the machines a workshop already has.",
        (("processes.md", "Processes and their design rules"), ("designs.md", "All designs")),
    ),
    "collaboration": Pillar(
        "Collaboration",
        "Open records anyone can correct and extend, and makers who can make a design nearby.",
        (("contribute.md", "How to contribute"), ("makers.md", "Makers")),
    ),
    "local-materials": Pillar(
        "Local materials",
        "Materials that grow or are thrown away where they are needed: fibres, crop "
        "residues and plastic waste.",
        (
            ("biomaterials.md", "Biomaterials"),
            ("recycled-feedstocks.md", "Recycled feedstocks"),
        ),
    ),
    "human-potential": Pillar(
        "Human potential",
        "Know-how people can learn and use: step-by-step instructions and the makers who "
        "already do it.",
        (("makers.md", "Makers and their stories"), ("contribute.md", "Share what you know")),
    ),
    "retention-of-value": Pillar(
        "Retention of value",
        "Products that can be repaired, with spare parts to print, from materials that "
        "keep their value when recycled.",
        (("recycled-feedstocks.md", "Recycled feedstocks"), ("designs.md", "All designs")),
    ),
    "transparency-and-visibility": Pillar(
        "Transparency and visibility",
        "Every value with its source, every analysis shown, and all data open for other "
        "tools to read.",
        (("open-data.md", "Open data and manifests"), ("materials.md", "Sourced material data")),
    ),
}
