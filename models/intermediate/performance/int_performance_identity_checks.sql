-- Identities of the project performance tables, one row per check evaluated:
--   kpi_score_le_weight, budget_score_le_weight, total_score_le_weight: 得分 ≤ 分值;
--   score_sum_eq_total: Σ indicator 得分 (+ 资金管理 items) + the budget-execution 得分 = 总分;
--   weight_sum_eq_100: Σ 分值 = 100 (or the printed total 分值), where the layout prints every weight;
--   execution_rate_eq_ratio: 执行率 = 全年执行数 / 全年预算数;
--   grade_matches_score: the printed grade lies in its band of 总分 (vars performance_grade_bands);
--   summary_score_eq_detail: the 汇总表's score for a project = its table's 总分;
--   narrative_project_count: the project count the narrative states = the number of 自评表.
-- Only completely extracted projects (no line of their table quarantined) are summed, so a break
-- here is the document's own printing error. Scores are kept to the 分 (0.01): a score's rounding
-- unit is its printed unit capped at 0.01, and 0 for full marks (得分 = 分值 is exact).
{% set bands = var('performance_grade_bands', {'优': [90, none], '良': [80, 90], '中': [60, 80], '差': [none, 60]}) %}

with

projects as (

    select * from {{ ref('stg_performance__projects') }}
    {{- only_new_documents() }}

),

indicators as (

    select * from {{ ref('stg_performance__kpi_indicators') }}
    {{- only_new_documents() }}

),

summary as (

    select * from {{ ref('stg_performance__project_summary') }}
    {{- only_new_documents() }}

),

statements as (

    select * from {{ ref('stg_performance__statements') }}
    {{- only_new_documents() }}

),

tables as (

    select * from {{ ref('stg_disclosures__tables') }}
    {{- only_new_documents() }}

),

complete_projects as (

    select
        *,
        case
            when budget_score = budget_weight then 0
            else least(budget_score_rounding_unit, 0.01)
        end as budget_score_unit

    from projects
    where quarantined_line_count = 0

),

scored_indicators as (

    select
        indicators.*,
        projects.project_name,
        case
            when indicators.score = indicators.weight then 0
            else least(indicators.score_rounding_unit, 0.01)
        end as score_unit

    from indicators
    inner join projects
        on
            indicators.document_id = projects.document_id
            and indicators.project_line_no = projects.line_no

),

indicator_sums as (

    select
        document_id,
        project_line_no,
        sum(score) as score_sum,
        sum(case when score is not null then score_unit else 0 end) as score_units,
        sum(weight) as weight_sum,
        count(score) as scored_count,
        count(weight) as weighted_count

    from scored_indicators
    group by document_id, project_line_no

),

kpi_score_le_weight as (

    select
        document_id,
        'kpi_score_le_weight' as rule_id,
        'kpi_indicator' as table_name,
        cast(null as varchar) as subject_code,
        weight as expected_wan,
        score as actual_wan,
        score - weight as difference_wan,
        {{ rounding_tolerance('score_unit') }} as tolerance_wan,
        line_no,
        score - weight > {{ rounding_tolerance('score_unit') }} as is_break,
        project_name || ' / ' || coalesce(level3, level1, '') || ': 得分 ' || score_printed
        || ' against 分值 ' || weight_printed as message

    from scored_indicators
    where score is not null and weight is not null

),

budget_score_le_weight as (

    select
        document_id,
        'budget_score_le_weight' as rule_id,
        'project_performance' as table_name,
        cast(null as varchar) as subject_code,
        budget_weight as expected_wan,
        budget_score as actual_wan,
        budget_score - budget_weight as difference_wan,
        {{ rounding_tolerance('budget_score_unit') }} as tolerance_wan,
        coalesce(budget_score_line_no, budget_line_no) as line_no,
        budget_score - budget_weight > {{ rounding_tolerance('budget_score_unit') }} as is_break,
        project_name || ': 预算执行 得分 ' || budget_score_printed || ' against 分值 ' || budget_weight_printed
            as message

    from complete_projects
    where budget_score is not null and budget_weight is not null

),

total_score_le_weight as (

    select
        document_id,
        'total_score_le_weight' as rule_id,
        'project_performance' as table_name,
        cast(null as varchar) as subject_code,
        total_weight as expected_wan,
        total_score as actual_wan,
        total_score - total_weight as difference_wan,
        {{ rounding_tolerance('0') }} as tolerance_wan,
        total_line_no as line_no,
        total_score - total_weight > {{ rounding_tolerance('0') }} as is_break,
        project_name || ': 总分 ' || total_score_printed || ' against 分值 ' || total_weight_printed as message

    from complete_projects
    where total_score is not null and total_weight is not null

),

score_sum_eq_total as (

    select
        projects.document_id,
        'score_sum_eq_total' as rule_id,
        'project_performance' as table_name,
        cast(null as varchar) as subject_code,
        sums.score_sum + coalesce(projects.budget_score, 0) as expected_wan,
        projects.total_score as actual_wan,
        projects.total_score - (sums.score_sum + coalesce(projects.budget_score, 0)) as difference_wan,
        {{ rounding_tolerance(
            'sums.score_units + projects.budget_score_unit + least(projects.total_score_rounding_unit, 0.01)'
        ) }} as tolerance_wan,
        projects.total_line_no as line_no,
        abs(projects.total_score - (sums.score_sum + coalesce(projects.budget_score, 0)))
        > {{ rounding_tolerance(
            'sums.score_units + projects.budget_score_unit + least(projects.total_score_rounding_unit, 0.01)'
        ) }} as is_break,
        projects.project_name || ': 总分 ' || projects.total_score_printed
        || ' against Σ 得分 of the indicators and the budget execution' as message

    from complete_projects as projects
    inner join indicator_sums as sums
        on
            projects.document_id = sums.document_id
            and projects.line_no = sums.project_line_no
    where projects.total_score is not null and sums.scored_count > 0

),

weight_sum_eq_100 as (

    select
        projects.document_id,
        'weight_sum_eq_100' as rule_id,
        'project_performance' as table_name,
        cast(null as varchar) as subject_code,
        coalesce(projects.total_weight, 100) as expected_wan,
        sums.weight_sum + projects.budget_weight as actual_wan,
        sums.weight_sum + projects.budget_weight - coalesce(projects.total_weight, 100) as difference_wan,
        {{ rounding_tolerance('0') }} as tolerance_wan,
        coalesce(projects.total_line_no, projects.line_no) as line_no,
        abs(sums.weight_sum + projects.budget_weight - coalesce(projects.total_weight, 100))
        > {{ rounding_tolerance('0') }} as is_break,
        projects.project_name || ': Σ 分值 of the indicators and the budget execution against '
        || coalesce(projects.total_weight_printed, '100') as message

    from complete_projects as projects
    inner join indicator_sums as sums
        on
            projects.document_id = sums.document_id
            and projects.line_no = sums.project_line_no
    where projects.budget_weight is not null and sums.weighted_count > 0

),

execution_rate_eq_ratio as (

    select
        document_id,
        'execution_rate_eq_ratio' as rule_id,
        'project_performance' as table_name,
        cast(null as varchar) as subject_code,
        cast(executed_wan / budget_full_year_wan as decimal(24, 6)) as expected_wan,
        execution_rate as actual_wan,
        execution_rate - cast(executed_wan / budget_full_year_wan as decimal(24, 6)) as difference_wan,
        {{ rounding_tolerance(
            'execution_rate_rounding_unit + executed_rounding_unit_wan / budget_full_year_wan'
            ~ ' + executed_wan * budget_full_year_rounding_unit_wan / (budget_full_year_wan * budget_full_year_wan)'
        ) }} as tolerance_wan,
        budget_line_no as line_no,
        abs(execution_rate - executed_wan / budget_full_year_wan)
        > {{ rounding_tolerance(
            'execution_rate_rounding_unit + executed_rounding_unit_wan / budget_full_year_wan'
            ~ ' + executed_wan * budget_full_year_rounding_unit_wan / (budget_full_year_wan * budget_full_year_wan)'
        ) }} as is_break,
        project_name || ': 执行率 ' || execution_rate_printed || ' against 全年执行数 ' || executed_printed
        || ' / 全年预算数 ' || budget_full_year_printed as message

    from projects
    where
        execution_rate is not null
        and executed_wan is not null
        and budget_full_year_wan is not null
        and budget_full_year_wan <> 0

),

graded as (

    select
        document_id,
        'project_performance' as table_name,
        project_name,
        grade,
        total_score as score,
        total_score_printed as score_printed,
        total_line_no as line_no

    from projects
    where grade is not null and total_score is not null

    union all

    select
        document_id,
        'project_summary' as table_name,
        project_name,
        grade,
        score,
        score_printed,
        line_no

    from summary
    where grade is not null and score is not null

),

grade_bands as (

    {% for grade, band in bands.items() %}
        select
            '{{ grade }}' as grade,
            cast({{ band[0] if band[0] is not none else 'null' }} as decimal(24, 6)) as lower_bound,
            cast({{ band[1] if band[1] is not none else 'null' }} as decimal(24, 6)) as upper_bound
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

grade_matches_score as (

    select
        graded.document_id,
        'grade_matches_score' as rule_id,
        graded.table_name,
        cast(null as varchar) as subject_code,
        case
            when graded.score < grade_bands.lower_bound then grade_bands.lower_bound
            when graded.score >= grade_bands.upper_bound then grade_bands.upper_bound
            else graded.score
        end as expected_wan,
        graded.score as actual_wan,
        graded.score - case
            when graded.score < grade_bands.lower_bound then grade_bands.lower_bound
            when graded.score >= grade_bands.upper_bound then grade_bands.upper_bound
            else graded.score
        end as difference_wan,
        {{ rounding_tolerance('0') }} as tolerance_wan,
        graded.line_no,
        coalesce(graded.score < grade_bands.lower_bound, false)
        or coalesce(graded.score >= grade_bands.upper_bound, false) as is_break,
        graded.project_name || ': grade ' || graded.grade || ' printed for a score of ' || graded.score_printed
        || ' (band ' || coalesce(cast(grade_bands.lower_bound as varchar), '') || '–'
        || coalesce(cast(grade_bands.upper_bound as varchar), '') || ')' as message

    from graded
    inner join grade_bands
        on graded.grade = grade_bands.grade

),

summary_score_eq_detail as (

    select
        summary.document_id,
        'summary_score_eq_detail' as rule_id,
        'project_summary' as table_name,
        cast(null as varchar) as subject_code,
        projects.total_score as expected_wan,
        summary.score as actual_wan,
        summary.score - projects.total_score as difference_wan,
        {{ rounding_tolerance(
            'least(summary.score_rounding_unit, 0.01) + least(coalesce(projects.total_score_rounding_unit, 0), 0.01)'
        ) }} as tolerance_wan,
        summary.line_no,
        projects.line_no is null
        or abs(summary.score - projects.total_score)
        > {{ rounding_tolerance(
            'least(summary.score_rounding_unit, 0.01) + least(coalesce(projects.total_score_rounding_unit, 0), 0.01)'
        ) }} as is_break,
        summary.project_name || case
            when projects.line_no is null then ': listed in the 汇总表 but no 自评表 of that name'
            else
                ': 汇总表 score ' || summary.score_printed || ' against the 自评表''s 总分 '
                || projects.total_score_printed
        end as message

    from summary
    left join projects
        on
            summary.document_id = projects.document_id
            and summary.project_name_key = projects.project_name_key
            and projects.table_kind = 'self_evaluation'
    where summary.score is not null

),

table_counts as (

    select
        document_id,
        count(*) as self_evaluation_tables

    from tables
    where family = 'performance_self_evaluation'
    group by document_id

),

narrative_project_count as (

    select
        statements.document_id,
        'narrative_project_count' as rule_id,
        'project_performance' as table_name,
        cast(null as varchar) as subject_code,
        cast(coalesce(table_counts.self_evaluation_tables, 0) as decimal(24, 6)) as expected_wan,
        cast(statements.value as decimal(24, 6)) as actual_wan,
        cast(statements.value - coalesce(table_counts.self_evaluation_tables, 0) as decimal(24, 6))
            as difference_wan,
        {{ rounding_tolerance('0') }} as tolerance_wan,
        statements.line_no,
        statements.value <> coalesce(table_counts.self_evaluation_tables, 0) as is_break,
        'the narrative states ' || statements.printed || ' (' || cast(statements.value as varchar)
        || ' projects); the document prints ' || cast(coalesce(table_counts.self_evaluation_tables, 0) as varchar)
        || ' 自评表' as message

    from statements
    left join table_counts
        on statements.document_id = table_counts.document_id
    where statements.statement = 'project_count'

),

unioned as (

    {% for cte in [
        'kpi_score_le_weight', 'budget_score_le_weight', 'total_score_le_weight', 'score_sum_eq_total',
        'weight_sum_eq_100', 'execution_rate_eq_ratio', 'grade_matches_score', 'summary_score_eq_detail',
        'narrative_project_count',
    ] %}
        select * from {{ cte }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        cast(document_id as varchar) as document_id,
        cast(rule_id as varchar) as rule_id,
        cast(table_name as varchar) as table_name,
        cast(subject_code as varchar) as subject_code,
        cast(expected_wan as decimal(24, 6)) as expected_wan,
        cast(actual_wan as decimal(24, 6)) as actual_wan,
        cast(difference_wan as decimal(24, 6)) as difference_wan,
        cast(tolerance_wan as decimal(24, 6)) as tolerance_wan,
        cast(line_no as integer) as line_no,
        cast(is_break as boolean) as is_break,
        cast(message as varchar) as message

    from unioned

)

select * from final
