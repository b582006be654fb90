# BBS2001 t = 50: Mh Poisson2 on the boundary, no number; Chao deletes 41 etas
args: -m closed -t 50 -f text data/nbcap/BBS2001.csv
exit: 0
