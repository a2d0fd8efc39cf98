"""The floor: plain values every other part of the package reads, importing none of them."""
