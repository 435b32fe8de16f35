//! The models pane's forms: a new model with `name:TYPE` attributes, one attribute with its
//! options, an association with its options. Each field is a signal (`bind:`), so what the
//! learner typed stays through every run; a button writes the code ([`crate::codegen`]) and
//! hands it to the page, which puts it in the editor and runs it.

use leptos::prelude::*;

use crate::codegen::{
    add_model, association_code, attribute_definition, insert_before_sync, set_attribute, AssociationOptions,
    AttributeForm, ON_DELETE, VALIDATORS,
};

/// The types the attribute form offers.
const TYPES: [&str; 8] = ["STRING", "TEXT", "INTEGER", "FLOAT", "DECIMAL(10, 2)", "BOOLEAN", "DATE", "DATEONLY"];

/// The association kinds.
const KINDS: [&str; 4] = ["hasMany", "hasOne", "belongsTo", "belongsToMany"];

/// A text field: its id (which is also its test id), what it is (placeholder and accessible
/// name) and its signal.
fn text_field(id: &'static str, what: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! { <input id=id data-testid=id placeholder=what aria-label=what bind:value=value /> }
}

/// A choice among `options` (the first `blank` one, when given, is the empty value).
fn choice(
    id: &'static str,
    what: &'static str,
    blank: Option<&'static str>,
    options: &'static [&'static str],
    value: RwSignal<String>,
) -> impl IntoView {
    let blank = blank.map(|label| view! { <option value="">{label}</option> });
    let options = options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view();
    view! { <select id=id data-testid=id aria-label=what bind:value=value>{blank}{options}</select> }
}

/// A tick box with its label.
fn tick(id: &'static str, label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! { <label><input type="checkbox" id=id data-testid=id bind:checked=value />{label}</label> }
}

/// The forms; `edited` gets the code a button wrote, or `None` when the form's input cannot
/// be written into the code (the page says why).
#[component]
pub fn ModelForms(code: RwSignal<String>, edited: Callback<Option<String>>) -> impl IntoView {
    let field = || RwSignal::new(String::new());
    let (model, attributes) = (field(), RwSignal::new("title:STRING, price:DECIMAL(10, 2)".to_owned()));
    let (attr_model, attr_name, attr_type, attr_default, attr_validator) =
        (field(), field(), RwSignal::new(TYPES[0].to_owned()), field(), field());
    let (required, unique) = (RwSignal::new(false), RwSignal::new(false));
    let (source, kind, target, alias, foreign_key, through, on_delete) =
        (field(), RwSignal::new(KINDS[0].to_owned()), field(), field(), field(), field(), field());
    let add_model_code = move |_| {
        edited.run(code.with_untracked(|c| add_model(c, &model.get_untracked(), &attributes.get_untracked())));
    };
    let set_attribute_code = move |_| {
        let definition = attribute_definition(&AttributeForm {
            ty: attr_type.get_untracked(),
            required: required.get_untracked(),
            unique: unique.get_untracked(),
            default: attr_default.get_untracked(),
            validator: attr_validator.get_untracked(),
        });
        edited.run(code.with_untracked(|c| {
            set_attribute(c, &attr_model.get_untracked(), &attr_name.get_untracked(), &definition)
        }));
    };
    let add_association_code = move |_| {
        let options = AssociationOptions {
            alias: alias.get_untracked(),
            foreign_key: foreign_key.get_untracked(),
            through: through.get_untracked(),
            on_delete: on_delete.get_untracked(),
        };
        let snippet =
            association_code(&source.get_untracked(), &kind.get_untracked(), &target.get_untracked(), &options);
        edited.run(snippet.map(|snippet| code.with_untracked(|c| insert_before_sync(c, &snippet))));
    };
    view! {
        <div class="forms">
            <div class="form-row" role="group" aria-label="A new model">
                {text_field("new-model-name", "Model name", model)}
                <input id="new-model-attributes" class="wide" placeholder="name:TYPE, …" aria-label="Its attributes, name:TYPE, …"
                    bind:value=attributes />
                <button data-testid="add-model" on:click=add_model_code>"Add model to code"</button>
            </div>
            <div class="form-row" role="group" aria-label="An attribute">
                {text_field("attr-model", "Model", attr_model)}
                {text_field("attr-name", "Attribute", attr_name)}
                {choice("attr-type", "Type", None, &TYPES, attr_type)}
                {tick("attr-required", " required", required)}
                {tick("attr-unique", " unique", unique)}
                {text_field("attr-default", "default", attr_default)}
                {choice("attr-validator", "Validator", Some("no validator"), &VALIDATORS, attr_validator)}
                <button data-testid="set-attribute" on:click=set_attribute_code>"Add or change attribute"</button>
            </div>
            <div class="form-row" role="group" aria-label="An association">
                {text_field("assoc-source", "Source", source)}
                {choice("assoc-kind", "Association", None, &KINDS, kind)}
                {text_field("assoc-target", "Target", target)}
                {text_field("assoc-as", "as", alias)}
                {text_field("assoc-fk", "foreignKey", foreign_key)}
                {text_field("assoc-through", "through", through)}
                {choice("assoc-on-delete", "onDelete", Some("onDelete: default"), &ON_DELETE, on_delete)}
                <button data-testid="add-association" on:click=add_association_code>"Add association to code"</button>
            </div>
        </div>
    }
}
