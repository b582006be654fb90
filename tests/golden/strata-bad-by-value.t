# a stratum column not named: its values are not 0 or 1
args: --by Region data/ScotPWID_region_gender_age.csv
exit: 1
