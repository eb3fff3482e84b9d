-- 一般公共预算财政拨款基本支出 by economic code (the 决算数 / 预算 合计 column), with the two
-- printed subtotals as personnel_total (人员经费合计) and public_total (公用经费合计).
-- Budgets also print each code's 人员经费 and 公用经费 split: kept as extra columns.
with

economic_amounts as (

    select * from {{ ref('stg_disclosures__economic_amounts') }}
    {{- only_new_documents() }}

),

amounts as (

    select * from economic_amounts
    where measure = 'amount' and economic_code <> 'total'

),

splits as (

    select
        document_id,
        economic_code,
        max(case when measure = 'personnel' then amount_wan end) as personnel_wan,
        max(case when measure = 'public' then amount_wan end) as public_wan

    from economic_amounts
    where measure in ('personnel', 'public')
    group by document_id, economic_code

),

final as (

    select
        amounts.document_id,
        amounts.economic_code,
        amounts.amount_wan,
        amounts.economic_name,
        splits.personnel_wan,
        splits.public_wan,
        amounts.amount_printed,
        amounts.source_file,
        amounts.line_no

    from amounts
    left join splits
        on
            amounts.document_id = splits.document_id
            and amounts.economic_code = splits.economic_code

)

select * from final
