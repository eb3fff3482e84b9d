{#-
    Where the loaders' tables come from, set by the `landing` var (dbt_project.yml):

    - `seeds` (default): dbt seeds, the CSVs `python -m loaders` writes (the bundled samples and
      small corpora). Works on every adapter.
    - `parquet`: the Parquet landing of a large corpus (loaders/landing.py), read in place as the
      dbt-duckdb external source `landing` (models/staging/_landing__sources.yml). Another adapter
      would declare the same source over its own external tables (Spark/Databricks, Trino, …).

    The staging models read every loader table through landing_relation(); nothing else does.
-#}
{% macro landing_relation(name) -%}
    {%- if var('landing', 'seeds') == 'parquet' -%}
        {{ return(source('landing', name)) }}
    {%- else -%}
        {{ return(ref(name)) }}
    {%- endif -%}
{%- endmacro %}


{#-
    Incremental builds, keyed on document_id (a document's content hash). Every per-document model
    (staging, intermediate checks, facts, marts) is an incremental table; each of its inputs is read
    as `select * from {{ ref(...) }}` followed by `{{- only_new_documents() }}`, which on an
    incremental run keeps only the documents the model does not hold yet. Its pre-hook
    delete_superseded_documents() first deletes the rows of documents that are no longer loaded (a
    file removed, or changed: new content, new document_id), so a changed document replaces its old
    rows and never duplicates them. `--full-refresh` (which the loader CLI passes whenever the
    loaders, the models or the landing changed) rebuilds everything.
-#}
{% macro only_new_documents() -%}
    {#- (`this` is none in a unit test, which runs the model as a full build) -#}
    {%- if this is not none and is_incremental() %}
    where document_id not in (select held.document_id from {{ this }} as held where held.document_id is not null)
    {%- endif -%}
{%- endmacro %}


{#- The documents currently loaded: the landing's raw_documents (read at run time, so it is current
    whatever the order models run in), or in seeds mode the raw_documents seed. -#}
{% macro current_documents() -%}
    {%- if var('landing', 'seeds') == 'parquet' -%}
        {{ return(source('landing', 'raw_documents')) }}
    {%- else -%}
        {{ return(api.Relation.create(database=target.database, schema=target.schema, identifier='raw_documents')) }}
    {%- endif -%}
{%- endmacro %}


{% macro delete_superseded_documents() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where document_id not in (select loaded.document_id from {{ current_documents() }} as loaded)
    {%- endif -%}
{%- endmacro %}


{#-
    The `where` clause of a staging model's source CTE (in place of only_new_documents()): the rows of
    the documents to load. Two files with the same content (the same document_id) are one document,
    loaded once, from the first file by name (stg_disclosures__quarantine reports the others); rows
    of no document (a file that could not be read) are kept. On an incremental run, only the
    documents the model does not hold yet.
-#}
{% macro loaded_documents() -%}
    where (
        document_id is null or document_id = ''
        or source_file in (
            select min(copies.source_file) from {{ landing_relation('raw_documents') }} as copies
            group by copies.document_id
        )
    )
    {%- if this is not none and is_incremental() %}
    and document_id not in (select held.document_id from {{ this }} as held where held.document_id is not null)
    {%- endif -%}
{%- endmacro %}
