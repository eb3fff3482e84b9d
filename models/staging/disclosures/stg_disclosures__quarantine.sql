with

source as (

    select * from {{ landing_relation('raw_quarantine') }}
    {{- loaded_documents() }}

),

documents as (

    select * from {{ landing_relation('raw_documents') }}

),

first_copies as (

    select
        document_id,
        min(source_file) as source_file

    from documents
    group by document_id

),

-- A file with the same content as an earlier one (by name) is not loaded again: reported here.
duplicates as (

    select
        documents.document_id,
        documents.source_file,
        0 as line_no,
        cast(null as varchar) as family,
        'document not loaded again: same content as ' || first_copies.source_file as reason,
        '' as line_text

    from documents
    inner join first_copies
        on
            documents.document_id = first_copies.document_id
            and documents.source_file <> first_copies.source_file

),

renamed as (

    select
        nullif(document_id, '') as document_id,
        source_file,
        cast(line_no as integer) as line_no,
        nullif(family, '') as family,
        reason,
        text as line_text

    from source

),

final as (

    select * from renamed
    union all
    select * from duplicates

)

select * from final
