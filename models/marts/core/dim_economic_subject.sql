-- 经济分类科目 seen in any document's 基本支出明细表: the name most documents print for a code,
-- its level (类/款) and parent code.
with

economic_amounts as (

    select * from {{ ref('stg_disclosures__economic_amounts') }}

),

named as (

    select distinct
        document_id,
        economic_code,
        replace(economic_name, ' ', '') as economic_name
    from economic_amounts
    where length(economic_code) in (3, 5) and economic_code between '300' and '39999' and economic_name <> ''

),

counted as (

    select
        economic_code,
        economic_name,
        count(distinct document_id) as documents

    from named
    group by economic_code, economic_name

),

ranked as (

    select
        *,
        row_number() over (
            partition by economic_code
            order by documents desc, length(economic_name) asc, economic_name asc
        ) as name_rank

    from counted

),

final as (

    select
        economic_code,
        economic_name,
        case length(economic_code) when 3 then 1 when 5 then 2 end as level,
        case when length(economic_code) = 5 then substring(economic_code, 1, 3) end as parent_code

    from ranked
    where name_rank = 1

)

select * from final
