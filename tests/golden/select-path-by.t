# --select path with --by: refused by the rule table, with the reason
args: -s path --by Region --lists S1,S2,S3,S4 data/ScotPWID_region_gender_age.csv
exit: 2
