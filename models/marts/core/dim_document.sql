with

documents as (

    select * from {{ ref('stg_disclosures__documents') }}
    {{- only_new_documents() }}

),

final as (

    select
        document_id,
        source_file,
        department_name,
        region_name,
        province,
        fiscal_year,
        stage,
        unit,
        sha256,
        line_count

    from documents

)

select * from final
