# Petersen on 6 lists without --lists
args: -m petersen data/UKdat.csv
exit: 2
