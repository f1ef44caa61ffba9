-- dashboard: the task table of all plans
select "t"."id", "t"."plan_id", "t"."section_id", "t"."closed_on", coalesce("f"."progressed", 0) as "progressed", "f"."units", "f"."reported_units", "f"."milestones" from "tasks" as "t" left join "dashboard_task_facts" as "f" on "f"."task_id" = "t"."id" order by "t"."plan_id", "t"."ordinal";
-- parameters: []

-- dashboard: the task table of one plan
select "t"."id", "t"."plan_id", "t"."section_id", "t"."closed_on", coalesce("f"."progressed", 0) as "progressed", "f"."units", "f"."reported_units", "f"."milestones" from "tasks" as "t" left join "dashboard_task_facts" as "f" on "f"."task_id" = "t"."id" where "t"."plan_id" = ? order by "t"."plan_id", "t"."ordinal";
-- parameters: [7]

-- dashboard: closed rounds of a plan
select "ro"."id", "ro"."title", "ro"."closed_at", "ro"."due_date", "s"."taken_at" from "rounds" as "ro" inner join "round_snapshots" as "s" on "s"."round_id" = "ro"."id" where "ro"."status" = ? and exists (select 1 as "x" from "round_plans" as "rp" where "rp"."round_id" = "ro"."id" and "rp"."plan_id" = ?) order by "ro"."closed_at", "ro"."id";
-- parameters: ["closed",7]

-- dashboard: snapshot members
select "s"."round_id", "s"."taken_at", json_extract(s.content, '$.overall', '$.reporting', '$.bySection') as "members" from "round_snapshots" as "s" where "s"."round_id" in (?, ?);
-- parameters: [1,2]

-- dashboard: ledger starts of a section
select "le"."task_id", min("le"."start_date") as "start" from "ledger_entries" as "le" inner join "tasks" as "t" on "t"."id" = "le"."task_id" where "le"."start_date" is not null and "t"."plan_id" = ? and "t"."section_id" = ? group by "le"."task_id";
-- parameters: [7,3]

-- task list: every filter
select "t"."id", "t"."section_id", "s"."title" as "section_title", "t"."path", "t"."number", "t"."title" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = ? and "t"."section_id" = ? and exists (select "tu"."id" from "task_units" as "tu" where "tu"."task_id" = "t"."id" and "tu"."unit_id" = ? and "tu"."role" = ?) and exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" >= ? and "m"."due_date" <= ?) and "t"."search_text" like ? escape '\' order by "t"."ordinal" limit ? offset ?;
-- parameters: [7,3,5,"lead","2021-06-01","2021-06-31","%审批%",20,20]

select count(*) as "c" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = ? and "t"."section_id" = ? and exists (select "tu"."id" from "task_units" as "tu" where "tu"."task_id" = "t"."id" and "tu"."unit_id" = ? and "tu"."role" = ?) and exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" >= ? and "m"."due_date" <= ?) and "t"."search_text" like ? escape '\';
-- parameters: [7,3,5,"lead","2021-06-01","2021-06-31","%审批%"]

-- task list: tasks with no deadline
select "t"."id", "t"."section_id", "s"."title" as "section_title", "t"."path", "t"."number", "t"."title" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = ? and not exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" is not null) order by "t"."ordinal" limit ? offset ?;
-- parameters: [7,20,0]

select count(*) as "c" from "tasks" as "t" left join "sections" as "s" on "s"."id" = "t"."section_id" where "t"."plan_id" = ? and not exists (select "m"."id" from "milestones" as "m" where "m"."task_id" = "t"."id" and "m"."due_date" is not null);
-- parameters: [7]

-- rounds: units that reported
select "ru"."round_id", count(distinct "r"."unit_id") as "n" from "progress_reports" as "r" inner join "round_units" as "ru" on "ru"."round_id" = "r"."round_id" and "ru"."unit_id" = "r"."unit_id" where "ru"."round_id" in (?, ?) and "r"."status" in (?, ?, ?) and "r"."submitted_at" is not null group by "ru"."round_id";
-- parameters: [1,2,"submitted","accepted","returned"]
