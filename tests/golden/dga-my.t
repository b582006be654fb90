# dga, Madigan-York delta 0.5 (dga 2.0.2: 617.815993, 616, 588, 655)
args: -m dga --delta 0.5 --nmax 2537 -f csv data/Congenital.csv
exit: 0
