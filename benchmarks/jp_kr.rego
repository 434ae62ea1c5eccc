# The JP->KR part of Japanese export-control law, written by hand as a Rego policy, for the
# peer-engine benchmark (benchmarks/screen.py checks it against exportctl line by line).
# Input: {"date": "YYYY-MM-DD", "item": <label>, "end_use": "" | "wmd" | "conventional" | "civil"}.
# ISO dates compare correctly as strings.
package jpkr

import rego.v1

three_items := {"hydrogen fluoride", "resist", "fluorinated polyimide"}

listed := three_items | {"row 5", "row 7"}

# Korea's group: Appended Table 3 (A) from 2004, Group B from 2019-08-28 to 2023-07-20.
in_b if {
	input.date >= "2019-08-28"
	input.date < "2023-07-21"
}

default group := "jp:C"

group := "jp:B" if in_b

group := "jp:A" if {
	input.date >= "2004-01-01"
	not in_b
}

# 2019-07-04 to 2023-03-23 17:00: bulk licences not applicable to the three items (a date without a
# time is read as the start of the day); resist also gets a specific bulk licence from 2019-12-20.
three_item_measure if {
	input.item in three_items
	input.date >= "2019-07-04"
	input.date < "2023-03-24"
}

# A known WMD end use withholds every bulk licence: its conditions (METI's guideline) may take it away.
listed_routes := ["individual"] if {
	input.end_use == "wmd"
} else := ["individual", "specific_bulk"] if {
	three_item_measure
	input.item == "resist"
	input.date >= "2019-12-20"
} else := ["individual"] if {
	three_item_measure
} else := ["individual", "general_bulk", "special_general_bulk"] if {
	group == "jp:A"
} else := ["individual", "special_general_bulk"] if {
	group == "jp:B"
} else := ["individual"]

# Row 16 covers all regions except Appended Table 3 (Group A); from 2025-10-09 Group A is under an
# inform requirement (ETCO Art. 1(3), 4(2)). The conventional-weapons inform requirement dates
# from 2008-11-01.
catch_all_status := "not_applicable" if {
	input.item in listed
} else := "not_applicable" if {
	input.date < "2002-04-01"
} else := "not_applicable" if {
	group == "jp:A"
	input.date < "2025-10-09"
} else := "inform_only" if {
	group == "jp:A"
} else := "exempt" if {
	input.end_use == "conventional"
	input.date < "2008-11-01"
} else := "inform_only" if {
	input.end_use == "conventional"
} else := "objective"

licence if input.item in listed

licence if {
	not input.item in listed
	catch_all_status == "objective"
	input.end_use == "wmd"
}

routes := listed_routes if input.item in listed

routes := ["individual"] if {
	not input.item in listed
	licence
}

routes := [] if {
	not input.item in listed
	not licence
}

decision := {
	"licence": licence == true,
	"routes": concat(";", routes),
	"catch_all": catch_all_status,
	"groups": group,
}

default licence := false
