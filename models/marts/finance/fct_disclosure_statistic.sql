-- 部门决算公开相关信息统计表 (公开10): 政府采购 amounts, 机关运行经费 and the counts of vehicles
-- and large equipment, one row per printed line.
with

statistics as (

    select * from {{ ref('stg_disclosures__statistics') }}
    {{- only_new_documents() }}

),

final as (

    select
        document_id,
        section,
        item_key,
        item_name,
        statistic_value,
        value_unit,
        value_printed,
        source_file,
        line_no

    from statistics

)

select * from final
