"""The discourse layer: which entity each span of a parsed document stands for."""
