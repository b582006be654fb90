# --imputation pools lcm's draws: refused with dga, with the reason
args: -m dga --imputation imp tests/data/good-imputed-eth.csv
exit: 2
