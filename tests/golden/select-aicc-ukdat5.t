# AICc order 2 on UKdat_5: AIC's model again; AICc = AIC + 364/2730 by hand (p 13, n 2744)
args: -f csv -D 10 -s aicc data/UKdat_5.csv
exit: 0
