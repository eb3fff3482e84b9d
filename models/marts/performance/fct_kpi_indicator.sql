-- One row per indicator line (三级指标) of the project performance tables, plus the scored
-- 资金管理情况 items of the Henan layout (section = 'fund_management'). Printed texts are kept;
-- the target and the actual value are also parsed into operator, number, unit and kind.
with

indicators as (

    select * from {{ ref('stg_performance__kpi_indicators') }}
    {{- only_new_documents() }}

),

dim_project as (

    select * from {{ ref('dim_project') }}
    {{- only_new_documents() }}

),

final as (

    select
        dim_project.project_key
        || '-'
        || lpad(
            cast(row_number() over (partition by dim_project.project_key order by indicators.line_no) as varchar),
            3,
            '0'
        ) as indicator_key,
        dim_project.project_key,
        indicators.document_id,
        dim_project.project_name,
        indicators.section,
        indicators.level1,
        indicators.level2,
        indicators.level3,
        indicators.description,
        indicators.target_text,
        indicators.adjusted_target_text,
        indicators.actual_text,
        indicators.basis_text,
        indicators.weight,
        indicators.score,
        indicators.deviation_rate,
        indicators.deviation_text,
        indicators.target_kind,
        indicators.target_operator,
        indicators.target_value,
        indicators.target_unit,
        indicators.target_value_wan,
        indicators.actual_kind,
        indicators.actual_operator,
        indicators.actual_value,
        indicators.actual_unit,
        indicators.actual_value_wan,
        indicators.level1_printed,
        indicators.level2_printed,
        indicators.source_file,
        indicators.line_no

    from indicators
    inner join dim_project
        on
            indicators.document_id = dim_project.document_id
            and indicators.project_line_no = dim_project.project_line_no

)

select * from final
