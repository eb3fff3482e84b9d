-- Every amount keyed by a 功能分类科目 code, from the 收入 / 支出 / 一般公共预算 / 政府性基金 /
-- 国有资本经营 tables; the 合计 row has subject_code = 'total'. The budget 收入总表's 本年收入小计
-- column is left out (it is 合计 − 上年结转; it stays in staging for the identity tests).
with

function_amounts as (

    select * from {{ ref('stg_disclosures__function_amounts') }}
    {{- only_new_documents() }}

),

final as (

    select
        document_id,
        table_name,
        subject_code,
        measure,
        amount_wan,
        subject_name,
        amount_printed,
        source_file,
        line_no

    from function_amounts
    where measure <> 'current_year_total'

)

select * from final
