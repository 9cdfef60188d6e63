//! Charts, drawn once for any plotters backend and tested natively through SVG.
