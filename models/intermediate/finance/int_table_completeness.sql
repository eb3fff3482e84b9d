with

tables as (

    select * from {{ ref('stg_disclosures__tables') }}
    {{- only_new_documents() }}

),

final as (

    select
        document_id,
        family,
        count(*) as table_count,
        sum(quarantined_count) as quarantined_count

    from tables
    group by document_id, family

)

select * from final
