-- dashboard: the task table of all plans
select "t"."id", "t"."plan_id", "t"."section_id", "t"."closed_on", coalesce("f"."progressed", 0) as "progressed", "f"."units", "f"."reported_units", "f"."milestones", "t"."ordinal" from "tasks" as "t" left join "dashboard_task_facts" as "f" on "f"."task_id" = "t"."id";
-- parameters: []

select string_agg(concat_ws('|', coalesce("x"."id"::text, ''), coalesce("x"."plan_id"::text, ''), coalesce("x"."section_id"::text, ''), coalesce("x"."closed_on"::text, ''), coalesce("x"."progressed"::text, ''), coalesce("x"."units"::text, ''), coalesce("x"."reported_units"::text, ''), coalesce("x"."milestones"::text, '')), E'
' ORDER BY "x"."plan_id", "x"."ordinal") as "t" from (select "t"."id", "t"."plan_id", "t"."section_id", "t"."closed_on", coalesce("f"."progressed", 0) as "progressed", "f"."units", "f"."reported_units", "f"."milestones", "t"."ordinal" from "tasks" as "t" left join "dashboard_task_facts" as "f" on "f"."task_id" = "t"."id") as "x";
-- parameters: []

-- dashboard: the task table of one plan
select "t"."id", "t"."plan_id", "t"."section_id", "t"."closed_on", coalesce("f"."progressed", 0) as "progressed", "f"."units", "f"."reported_units", "f"."milestones", "t"."ordinal" from "tasks" as "t" left join "dashboard_task_facts" as "f" on "f"."task_id" = "t"."id" where "t"."plan_id" = $1;
-- parameters: [7]

select string_agg(concat_ws('|', coalesce("x"."id"::text, ''), coalesce("x"."plan_id"::text, ''), coalesce("x"."section_id"::text, ''), coalesce("x"."closed_on"::text, ''), coalesce("x"."progressed"::text, ''), coalesce("x"."units"::text, ''), coalesce("x"."reported_units"::text, ''), coalesce("x"."milestones"::text, '')), E'
' ORDER BY "x"."plan_id", "x"."ordinal") as "t" from (select "t"."id", "t"."plan_id", "t"."section_id", "t"."closed_on", coalesce("f"."progressed", 0) as "progressed", "f"."units", "f"."reported_units", "f"."milestones", "t"."ordinal" from "tasks" as "t" left join "dashboard_task_facts" as "f" on "f"."task_id" = "t"."id" where "t"."plan_id" = $1) as "x";
-- parameters: [7]

-- dashboard: closed rounds of a plan
select "ro"."id", "ro"."title", "ro"."closed_at", "ro"."due_date", "s"."taken_at" from "rounds" as "ro" inner join "round_snapshots" as "s" on "s"."round_id" = "ro"."id" where "ro"."status" = $1 and exists (select 1 as "x" from "round_plans" as "rp" where "rp"."round_id" = "ro"."id" and "rp"."plan_id" = $2) order by "ro"."closed_at", "ro"."id";
-- parameters: ["closed",7]

-- dashboard: snapshot members
select "s"."round_id", "s"."taken_at", json_build_array(s.content::json -> 'overall', s.content::json -> 'reporting', s.content::json -> 'bySection')::text as "members" from "round_snapshots" as "s" where "s"."round_id" in ($1, $2);
-- parameters: [1,2]

-- dashboard: ledger starts of a section
select "le"."task_id", min("le"."start_date") as "start" from "ledger_entries" as "le" inner join "tasks" as "t" on "t"."id" = "le"."task_id" where "le"."start_date" is not null and "t"."plan_id" = $1 and "t"."section_id" = $2 group by "le"."task_id";
-- parameters: [7,3]

-- task list: every filter
select "t"."id", "t"."section_id", "s"."title" as "section_title", "t"."path", "t"."number", "t"."title" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = $1 and "t"."section_id" = $2 and exists (select "tu"."id" from "task_units" as "tu" where "tu"."task_id" = "t"."id" and "tu"."unit_id" = $3 and "tu"."role" = $4) and exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" >= $5 and "m"."due_date" <= $6) and "t"."search_text" like $7 escape '\' order by "t"."ordinal" limit $8 offset $9;
-- parameters: [7,3,5,"lead","2021-06-01","2021-06-31","%审批%",20,20]

select count(*) as "c" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = $1 and "t"."section_id" = $2 and exists (select "tu"."id" from "task_units" as "tu" where "tu"."task_id" = "t"."id" and "tu"."unit_id" = $3 and "tu"."role" = $4) and exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" >= $5 and "m"."due_date" <= $6) and "t"."search_text" like $7 escape '\';
-- parameters: [7,3,5,"lead","2021-06-01","2021-06-31","%审批%"]

-- task list: tasks with no deadline
select "t"."id", "t"."section_id", "s"."title" as "section_title", "t"."path", "t"."number", "t"."title" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = $1 and not exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" is not null) order by "t"."ordinal" limit $2 offset $3;
-- parameters: [7,20,0]

select count(*) as "c" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = $1 and not exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" is not null);
-- parameters: [7]

-- rounds: units that reported
select "ru"."round_id", count(distinct "r"."unit_id") as "n" from "progress_reports" as "r" inner join "round_units" as "ru" on "ru"."round_id" = "r"."round_id" and "ru"."unit_id" = "r"."unit_id" where "ru"."round_id" in ($1, $2) and "r"."status" in ($3, $4, $5) and "r"."submitted_at" is not null group by "ru"."round_id";
-- parameters: [1,2,"submitted","accepted","returned"]
