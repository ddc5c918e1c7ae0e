import { mount } from 'svelte'
import '../lib/base.css'
import Reports from './Reports.svelte'

export default mount(Reports, { target: document.getElementById('app')! })
