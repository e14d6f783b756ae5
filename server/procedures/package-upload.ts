import type { Request } from 'express';
import { AppError } from '../../engine/index.ts';
import { readFile } from 'node:fs/promises';
import { discardFiles } from '../../forms/index.ts';
import { readFormPost, type FormPost } from '../../forms/render/read-form-post.ts';
import { normaliseMeta, type FormPair, type ProcedurePackage } from './package.ts';

/** A procedure folder has a handful of small files; a hundred is already generous. */
const LIMITS = { fileSize: 5 * 1024 * 1024, files: 100, fields: 10, fieldSize: 1000 };

/**
 * A procedure folder uploaded as multipart/form-data, files named as in procedures/<name>/: one
 * `*.bpmn`, its `*.dmn` decisions, `procedure.json`, `<form>.schema.json` (+ `<form>.ui.json`), Camunda
 * Modeler's `<form>.form`, `<template>.hbs`. Part
 * names do not matter; file names do (folders in them are ignored).
 */
export async function packageFromUpload(req: Request): Promise<ProcedurePackage> {
  const post = await readFormPost(req, { limits: LIMITS });
  // The parts are small text files, read once from their temporary files, which go whatever happens.
  try {
    return await packageFromPost(post);
  } finally {
    await discardFiles(Object.values(post.files).flat());
  }
}

async function packageFromPost(post: FormPost): Promise<ProcedurePackage> {
  if (post.truncated) throw new AppError('too-large', 'The upload is over the limits: 100 files of at most 5 MB');
  let xml: string | undefined;
  let meta: unknown = {};
  const forms: Record<string, Partial<FormPair>> = {};
  const templates: Record<string, string> = {};
  const decisions: Record<string, string> = {};
  const linkedForms: Record<string, unknown> = {};
  for (const file of Object.values(post.files).flat()) {
    const name = file.originalName.split(/[\\/]/).pop()!;
    const text = await readFile(file.path, 'utf8');
    let m: RegExpExecArray | null;
    if (name.endsWith('.bpmn')) {
      if (xml !== undefined) throw new AppError('bad-input', 'Send exactly one .bpmn model');
      xml = text;
    } else if (name.endsWith('.dmn')) decisions[name.slice(0, -4)] = text;
    else if (name === 'procedure.json') meta = json(name, text);
    else if ((m = /^(.+)\.schema\.json$/.exec(name))) (forms[m[1]!] ??= {}).schema = json(name, text) as FormPair['schema'];
    else if ((m = /^(.+)\.ui\.json$/.exec(name))) (forms[m[1]!] ??= {}).uiSchema = json(name, text) as FormPair['uiSchema'];
    else if ((m = /^(.+)\.hbs$/.exec(name))) templates[m[1]!] = text;
    else if (name.endsWith('.form')) linkedForms[name] = json(name, text);
    else throw new AppError('bad-input', `"${name}" is not part of a procedure: send .bpmn, .dmn, procedure.json, *.schema.json, *.ui.json, *.form or *.hbs files`);
  }
  if (xml === undefined) throw new AppError('bad-input', 'The upload has no .bpmn model');
  for (const [name, form] of Object.entries(forms)) if (!form.schema) throw new AppError('bad-input', `${name}.ui.json has no ${name}.schema.json beside it`);
  return { xml, meta: normaliseMeta(meta), forms: forms as Record<string, FormPair>, templates, ...(Object.keys(decisions).length > 0 ? { decisions } : {}), ...(Object.keys(linkedForms).length > 0 ? { linkedForms } : {}) };
}

function json(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('bad-input', `${name} is not valid JSON: ${(err as Error).message}`);
  }
}
