# -m dga with --by: one fit row and two verdicts per stratum
tool: mse-check
args: -m dga -p fit,verdict -f json --by Region,Gender,Age data/ScotPWID_region_gender_age.csv
exit: 0
# Seeded draws of the check; 1e-6 as the other seeded goldens.
tolerance: 1e-6
