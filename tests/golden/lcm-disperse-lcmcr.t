# --disperse changes the draws: not with LCMCR's own sequence
args: -m lcm --disperse 1.5 --lcmcr data/Congenital.csv
exit: 2
