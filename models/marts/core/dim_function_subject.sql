-- 功能分类科目 seen in any document: the name most documents print for a code (wrap spaces
-- removed), its level (类/款/项) and parent code.
with

function_amounts as (

    select * from {{ ref('stg_disclosures__function_amounts') }}

),

summary_lines as (

    select * from {{ ref('stg_disclosures__summary_lines') }}

),

named as (

    select distinct
        document_id,
        subject_code,
        replace(subject_name, ' ', '') as subject_name
    from function_amounts
    where subject_code <> 'total' and subject_name <> ''

    union

    select distinct
        document_id,
        line_key as subject_code,
        regexp_replace(replace(line_name, ' ', ''), '^[一二三四五六七八九十]+、', '') as subject_name
    from summary_lines
    where side = 'expenditure' and length(line_key) = 3 and line_key between '200' and '299'

),

counted as (

    select
        subject_code,
        subject_name,
        count(distinct document_id) as documents

    from named
    group by subject_code, subject_name

),

ranked as (

    select
        *,
        row_number() over (
            partition by subject_code
            order by documents desc, length(subject_name) asc, subject_name asc
        ) as name_rank

    from counted

),

final as (

    select
        subject_code,
        subject_name,
        case length(subject_code) when 3 then 1 when 5 then 2 when 7 then 3 end as level,
        case
            when length(subject_code) > 3 then substring(subject_code, 1, length(subject_code) - 2)
        end as parent_code

    from ranked
    where name_rank = 1

)

select * from final
