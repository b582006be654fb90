# --start lists changes the draws: not with LCMCR's own sequence
args: -m lcm --start lists --lcmcr data/Congenital.csv
exit: 2
