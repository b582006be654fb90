# dga help example: negative binomial prior (dga 2.0.2: 733.452369)
args: -m dga --delta 1 --nmin 627 --nmax 926 --prior-n negbin:13.14,55.17 --top 0 -f csv data/dga_MY_spina.csv
exit: 0
